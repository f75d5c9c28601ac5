"""Time `unstructured`'s fast PDF strategy on the given files; print one JSON line.

Runs inside the separate benchmark environment (`make bench-env`, `.venv-unstructured`),
never inside the product's. Offline, unstructured would try to download a spaCy model and then
silently return no elements, so it gets a blank spaCy pipeline with a sentencizer instead; the
caller checks that text came back before trusting the time.
"""

import json
import os
import sys
import time

os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("SCARF_NO_ANALYTICS", "true")

import spacy
import unstructured.nlp.tokenize as tokenize


def _blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


tokenize._get_nlp = _blank_pipeline

from unstructured.partition.pdf import partition_pdf  # noqa: E402


def main(paths: list[str]) -> None:
    # Warm up on the first file so that import and first-call costs are not timed.
    partition_pdf(paths[0], strategy="fast", languages=["eng"])
    started = time.perf_counter()
    chars = 0
    for path in paths:
        elements = partition_pdf(path, strategy="fast", languages=["eng"])
        chars += sum(len(str(element)) for element in elements)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "chars": chars, "files": len(paths)}))


if __name__ == "__main__":
    main(sys.argv[1:])
