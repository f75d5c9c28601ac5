#!/usr/bin/env python3
"""Fill Swedish translations from a JSON file: {"msgid": "översättning"} or
{"msgid": ["singular", "plural"]} for plural messages. Lists the untranslated
messages when called with --missing. Run `make messages` before and after."""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "equalocal/locale/sv/LC_MESSAGES/django.po"


def main(argv: list[str]) -> int:
    po = polib.pofile(str(PO))
    if argv[:1] == ["--missing"]:
        for entry in po:
            if entry.obsolete:
                continue
            if not entry.translated() or "fuzzy" in entry.flags:
                print(json.dumps(entry.msgid, ensure_ascii=False))
        return 0
    if len(argv) != 1:
        print(__doc__)
        return 2
    wanted = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    filled = 0
    for entry in po:
        if entry.msgid not in wanted:
            continue
        value = wanted[entry.msgid]
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, list) else (value, value)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save(str(PO))
    print(f"filled {filled} of {len(wanted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
