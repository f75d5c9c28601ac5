from django.core.management.base import BaseCommand, CommandError

from equalocal.api.schema import SNAPSHOT, openapi_text


class Command(BaseCommand):
    help = "Write the REST API's OpenAPI document to equalocal/api/openapi.json (or --check it)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="fail when the committed file is out of date"
        )

    def handle(self, *args, check: bool = False, **options):
        text = openapi_text()
        if check:
            if not SNAPSHOT.exists() or SNAPSHOT.read_text(encoding="utf-8") != text:
                raise CommandError(
                    "equalocal/api/openapi.json is out of date: run `make api-schema`."
                )
            self.stdout.write("OpenAPI document current.")
            return
        SNAPSHOT.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {SNAPSHOT}")
