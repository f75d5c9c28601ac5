"""``equalocal evaluate-extraction FOLDER``: score the extractor on a manifest folder."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from equalocal.docmine.extraction.evaluate import evaluate_folder, format_report


class Command(BaseCommand):
    help = _(
        "Score classification, decision and action-row extraction on a folder holding "
        "manifest.json and the files it names (like shared/samples/extraction-dev)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help=_("folder with manifest.json"))
        parser.add_argument("--json", action="store_true", help=_("print the report as JSON"))
        parser.add_argument("--verbose", action="store_true", help=_("list each document's misses"))

    def handle(self, *args, **options) -> None:
        folder = Path(options["folder"])
        if not (folder / "manifest.json").is_file():
            raise CommandError(_("%(folder)s has no manifest.json") % {"folder": folder})
        report = evaluate_folder(folder)
        if options["json"]:
            if not options["verbose"]:
                report = {k: v for k, v in report.items() if k != "per_document"}
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_report(report, verbose=options["verbose"]))
