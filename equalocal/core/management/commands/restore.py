from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from equalocal.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Bring a backup archive back into an empty instance (migrates the database first)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `equalocal backup`.")

    def handle(self, *args, archive, **options):
        try:
            report = restore(Path(archive), progress=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(report.rows.values())} rows and {report.files} files from {archive}."
            )
        )
