from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from equalocal.core.registry import worker_start_jobs


class Command(BaseCommand):
    help = (
        "Run the background worker (database-backed task queue) and the periodic tasks. "
        "Run as many as you like, on one machine or several: each job is taken by one of them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--worker-id", help="A name unique among the workers (default: a random one)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait before looking again when the queue is empty (default 1).",
        )

    def handle(self, *args, worker_id: str | None, interval: float, **options):
        # Each app registers what a starting worker does (core/registry.py): queue its
        # periodic tasks, take over work a killed worker left.
        for _name, job in worker_start_jobs():
            message = job()
            if message:
                self.stdout.write(message)
        extra = {"worker_id": worker_id} if worker_id else {}
        call_command("db_worker", interval=interval, verbosity=options["verbosity"], **extra)
