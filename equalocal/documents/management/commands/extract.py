"""``equalocal extract FILE… [--json]``: run the pipeline on files without storing anything."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from equalocal.docmine.extraction.files import extract_path


class Command(BaseCommand):
    help = _(
        "Read, classify and extract decisions and action rows from files without storing "
        "anything; --json prints one JSON object per file and line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help=_("files to read"))
        parser.add_argument(
            "--json", action="store_true", help=_("print JSON, one object per line")
        )
        parser.add_argument(
            "--no-ocr", action="store_true", help=_("do not OCR pages without text")
        )
        parser.add_argument(
            "--no-text", action="store_true", help=_("leave the document text out of the JSON")
        )

    def handle(self, *args, **options) -> None:
        failed = 0
        for name in options["files"]:
            result = extract_path(name, ocr=not options["no_ocr"])
            failed += "error" in result
            if options["no_text"]:
                result.pop("text", None)
            if options["json"]:
                self.stdout.write(json.dumps(result, ensure_ascii=False))
            elif "error" in result:
                self.stderr.write(self._summary(result))
            else:
                self.stdout.write(self._summary(result))
        if failed:
            # Scripts see the failure in the exit status; every readable file was still done.
            raise CommandError(
                _("%(failed)d of %(total)d files could not be read")
                % {"failed": failed, "total": len(options["files"])}
            )

    def _summary(self, result: dict) -> str:
        if "error" in result:
            return _("%(file)s: cannot be read (%(reason)s) %(message)s") % {
                "file": result["file"],
                "reason": result["error"]["reason"],
                "message": result["error"]["message"],
            }
        lines = [
            _(
                "%(file)s: %(kind)s, language %(language)s, Charter: %(cemr)s, organisation: %(org)s (%(country)s)"
            )
            % {
                "file": result["file"],
                "kind": result["kind"],
                "language": result["language"],
                "cemr": _("yes") if result["cemr_related"] else _("no"),
                "org": result["organisation"],
                "country": result["country"],
            }
        ]
        for decision in result["decisions"]:
            lines.append(
                "  "
                + _("decision: %(type)s, %(status)s, %(date)s, %(body)s, confidence %(confidence)s")
                % {
                    "type": decision["decision_type"],
                    "status": decision["status"],
                    # A proposal's own day when the decision it proposes is not taken yet.
                    "date": decision["decision_date"]
                    if decision["decision_date"] != "unknown"
                    else decision.get("proposal_date", "unknown"),
                    "body": decision["deciding_body"],
                    "confidence": decision["confidence"],
                }
            )
        if result["action_rows"]:
            lines.append("  " + _("%(count)d action rows") % {"count": len(result["action_rows"])})
        return "\n".join(lines)
