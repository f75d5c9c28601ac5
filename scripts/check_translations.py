"""Fail when the Swedish translations are not current.

Checks that (1) ``makemessages`` would not change the set of messages, (2) every
message has a Swedish translation that is not fuzzy, and (3) the compiled .mo
holds exactly what the .po says. Run by ``make lint`` and CI.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "equalocal"
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _keys(catalogue):
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in catalogue
        if not entry.obsolete
    }


def main() -> int:
    problems = []
    if not PO.exists() or not MO.exists():
        print(f"Missing {PO.relative_to(ROOT)} or its .mo; run `make messages`.")
        return 1
    committed = polib.pofile(str(PO))
    with tempfile.TemporaryDirectory() as backup_dir:
        backup = Path(backup_dir) / "django.po"
        shutil.copy2(PO, backup)
        try:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "equalocal.config.settings.test"}
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "django-admin"),
                    "makemessages",
                    "-l",
                    "sv",
                    "--no-obsolete",
                    "--no-location",
                    "--ignore",
                    "static/*",
                    "-v0",
                ],
                cwd=PACKAGE,
                env=env,
                check=True,
            )
            fresh = polib.pofile(str(PO))
        finally:
            shutil.copy2(backup, PO)
    added = _keys(fresh) - _keys(committed)
    removed = _keys(committed) - _keys(fresh)
    for _, msgid, _ in sorted(added, key=str)[:20]:
        problems.append(f"not in django.po (run make messages): {msgid!r}")
    for _, msgid, _ in sorted(removed, key=str)[:20]:
        problems.append(f"no longer used (run make messages): {msgid!r}")
    for entry in committed:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(MO))
        if e.msgid
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in committed
        if e.translated() and "fuzzy" not in e.flags and not e.obsolete
    }
    if compiled != source:
        problems.append("django.mo is out of date: run `make messages` (compilemessages).")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s).")
        return 1
    print(f"Translations current: {len(source)} Swedish messages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
