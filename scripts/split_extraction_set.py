"""Split an extraction set by file into a development part and a held-aside part.

    python scripts/split_extraction_set.py ../shared/samples/extraction-dev2 OUTDIR [--seed 14]

writes ``OUTDIR/dev`` and ``OUTDIR/held``, each a folder laid out like the source (its own
``manifest.json`` and links to the source's files), so that ``equalocal evaluate-extraction``
scores either part alone. About a third of the texts, drawn at random with a fixed seed, go to
``held``: they are for one measurement at the end, never for tuning. The split depends only on
the seed and the manifest's ids, so it is the same on every machine.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def split_ids(ids: list[str], *, seed: int, share: float = 1 / 3) -> tuple[list[str], list[str]]:
    ordered = sorted(ids)
    # A reproducible draw, not a secret: the same seed gives the same split everywhere.
    held = set(random.Random(seed).sample(ordered, round(len(ordered) * share)))  # noqa: S311
    return [i for i in ordered if i not in held], [i for i in ordered if i in held]


def write_part(source: Path, manifest: dict, ids: list[str], target: Path) -> None:
    chosen = set(ids)
    documents = [d for d in manifest["documents"] if d["id"] in chosen]
    for document in documents:
        link = target / document["file"]
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to((source / document["file"]).resolve())
    part = {key: value for key, value in manifest.items() if key != "documents"}
    part["documents"] = documents
    (target / "manifest.json").write_text(json.dumps(part, ensure_ascii=False, indent=1), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    manifest = json.loads((args.source / "manifest.json").read_text("utf-8"))
    dev, held = split_ids([d["id"] for d in manifest["documents"]], seed=args.seed)
    write_part(args.source, manifest, dev, args.outdir / "dev")
    write_part(args.source, manifest, held, args.outdir / "held")
    print(f"dev  ({len(dev)}): {' '.join(dev)}")
    print(f"held ({len(held)}): {' '.join(held)}")


if __name__ == "__main__":
    main()
