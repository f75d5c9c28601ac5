from django.core.management.base import BaseCommand
from django.db import transaction

from equalocal.core.demo import DEMO_PASSWORD, load_demo
from equalocal.organisations.models import Organisation


class Command(BaseCommand):
    help = "Load the demo data built from the sample documents, with a demo sign-in per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only load when there are no organisations yet."
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("Demo data: the database already has organisations; left as it is.")
            print_sign_ins(self.stdout)
            return
        with transaction.atomic():
            context = load_demo()
        for line in context.log:
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        print_sign_ins(self.stdout)


def print_sign_ins(stdout) -> None:
    """Print the demo accounts, if they exist in this database."""
    from django.contrib.auth import get_user_model

    from equalocal.organisations.demo import DEMO_USERS

    emails = [email for email, _ in DEMO_USERS]
    if not get_user_model().objects.filter(email__in=emails).exists():
        return
    stdout.write(f"Demo sign-in (password for all: {DEMO_PASSWORD}):")
    for email, description in DEMO_USERS:
        stdout.write(f"  {email:<28} {description}")
