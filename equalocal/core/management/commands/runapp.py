import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the demo data into an empty database, and serve equalocal."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-demo", action="store_true", help="Do not load demo data.")

    def handle(self, *args, addrport: str, no_demo: bool = False, **options):
        # Links in e-mails follow the address the server was started on, unless SITE_URL says
        # where the public address is.
        if not os.environ.get("SITE_URL"):
            host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
            os.environ["SITE_URL"] = settings.SITE_URL = f"http://{host}"
        # The autoreloader runs this command again in a child process (RUN_MAIN);
        # only the first run prepares the database and greets.
        if os.environ.get("RUN_MAIN") != "true":
            call_command("migrate", interactive=False, verbosity=0)
            if not no_demo:
                call_command("demo", if_empty=True)
            self.stdout.write(self.style.SUCCESS(f"equalocal is at http://{addrport}/"))
        call_command("runserver", addrport)
