from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from equalocal.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database (a logical dump for SQLite or PostgreSQL) and the stored files to one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="The archive to write (default: var/backups/equalocal-<time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        from django.conf import settings

        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"equalocal-{stamp}.tar.gz"
        try:
            manifest = backup(Path(output), progress=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {rows} rows, {manifest['files']} files."
            )
        )
