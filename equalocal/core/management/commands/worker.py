from django.core.management import call_command
from django.core.management.base import BaseCommand

from equalocal.core.registry import worker_start_jobs


class Command(BaseCommand):
    help = "Run the background worker (database-backed task queue) and the periodic tasks."

    def handle(self, *args, **options):
        # Each app registers what a starting worker does (core/registry.py): queue its
        # periodic tasks, take over work a killed worker left.
        for _name, job in worker_start_jobs():
            message = job()
            if message:
                self.stdout.write(message)
        call_command("db_worker")
