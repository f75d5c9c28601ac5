"""Write the documents test fixtures to a folder, to look at them: make_document_fixtures.py OUTDIR."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from equalocal.documents.tests.fixtures import make_all


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: make_document_fixtures.py OUTDIR", file=sys.stderr)
        return 2
    for path in make_all(Path(sys.argv[1])):
        print(f"{path}\t{path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
