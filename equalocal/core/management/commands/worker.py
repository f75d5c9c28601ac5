from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (database-backed task queue) and the daily reminders."

    def handle(self, *args, **options):
        from equalocal.documents.services import documents_requeue_stale
        from equalocal.documents.tasks import schedule_stale_check
        from equalocal.plans.tasks import schedule_daily_reminders

        # The daily task queues its next run itself; this starts the chain, once.
        if schedule_daily_reminders():
            self.stdout.write("Daily reminders queued.")
        # A worker killed mid-document left it unfinished: queue it again to be picked up.
        requeued = documents_requeue_stale()
        if requeued:
            self.stdout.write(f"{requeued} unfinished document(s) queued again.")
        # And again every few minutes, for documents of a worker that dies later.
        schedule_stale_check()
        call_command("db_worker")
