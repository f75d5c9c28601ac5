"""Write the documents test fixtures and the demo's three documents to a folder, to look at them.

    make_document_fixtures.py OUTDIR

The demo documents go to OUTDIR/demo. The scan of sample 003 is made only when
../shared/samples is beside the repository.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from equalocal.documents.demo_documents import write_demo_documents
from equalocal.documents.tests.fixtures import make_all, seeds_dir


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: make_document_fixtures.py OUTDIR", file=sys.stderr)
        return 2
    folder = Path(sys.argv[1])
    for path in [*make_all(folder), *write_demo_documents(folder / "demo")]:
        print(f"{path}\t{path.stat().st_size} bytes")
    if not seeds_dir().is_dir():
        print(f"not made: scanned-003.pdf ({seeds_dir()} is absent)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
