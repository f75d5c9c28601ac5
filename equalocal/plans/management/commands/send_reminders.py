from datetime import date

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from equalocal.plans.reminders import reminders_send_due


class Command(BaseCommand):
    help = (
        "Send the activity digests and deadline notices that are due; each reminder is sent once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            default=None,
            help="Send as if today were this day (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, date: date | None = None, **options) -> None:
        run = reminders_send_due(today=date or timezone.localdate())
        self.stdout.write(
            f"Reminders sent: {run.digests} digests, {run.deadline_notices} deadline notices"
            + (f", {run.failed} failed (see the log)." if run.failed else ".")
        )
