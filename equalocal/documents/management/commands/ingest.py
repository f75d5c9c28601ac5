"""``equalocal ingest PATH… --org CODE``: upload files and folders and process them here."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from equalocal.core.errors import ApplicationError
from equalocal.core.progress import ProgressBar


def _files(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(".")
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"No such file or folder: {name}")
    return found


class Command(BaseCommand):
    help = "Upload files (folders are walked recursively) to an organisation and process them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument("--org", required=True, help="organisation slug or official code")
        parser.add_argument("--user", default="", help="e-mail of the user recorded as uploader")
        parser.add_argument(
            "--no-process", action="store_true", help="only queue the documents for the worker"
        )

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        from equalocal.documents.messages import error_message
        from equalocal.documents.models import Document, Stage
        from equalocal.documents.services import document_process, document_upload
        from equalocal.organisations.models import Organisation

        code = options["org"]
        organisations = list(Organisation.objects.filter(Q(slug=code) | Q(official_code=code))[:2])
        if len(organisations) != 1:
            raise CommandError(f"No single organisation has the slug or code {code!r}.")
        organisation = organisations[0]
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"No user with the e-mail {options['user']!r}.")
        files = _files(options["paths"])
        bar = ProgressBar(self.stderr, len(files))
        created, duplicates, failures, processed = 0, 0, [], []
        for done, path in enumerate(files):
            bar.show(done, path.name)
            try:
                document, new = document_upload(
                    organisation=organisation, file=path, filename=path.name, by=user
                )
            except ApplicationError as error:
                failures.append((path, error.message))
                continue
            created += new
            duplicates += not new
            if new and not options["no_process"]:
                document_process(document_id=document.pk)
            processed.append(document.pk)
        bar.show(len(files), "")
        bar.close()

        documents = list(Document.objects.filter(pk__in=processed))
        for document in documents:
            if document.stage == Stage.FAILED:
                failures.append(
                    (Path(document.original_filename), error_message(document.error_code))
                )
        languages = Counter(d.language or "?" for d in documents if d.stage != Stage.FAILED)
        kinds = Counter(d.kind or "?" for d in documents if d.stage != Stage.FAILED)
        out = self.stdout
        out.write(f"Organisation: {organisation.name}")
        out.write(f"Documents: {created} new, {duplicates} already there, {len(failures)} failed")
        out.write(f"Pages: {sum(d.page_count for d in documents)}, read by OCR: "
                  f"{sum(d.ocr_page_count for d in documents)}")  # fmt: skip
        if not options["no_process"]:
            out.write(
                "Languages: " + (", ".join(f"{k} {v}" for k, v in languages.most_common()) or "–")
            )
            out.write("Kinds: " + (", ".join(f"{k} {v}" for k, v in kinds.most_common()) or "–"))
        for path, message in failures:
            out.write(f"FAILED {path}: {message}")
        if failures:
            raise CommandError(f"{len(failures)} file(s) failed.", returncode=1)
