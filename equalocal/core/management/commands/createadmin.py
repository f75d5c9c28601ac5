import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email


class Command(BaseCommand):
    help = "Create a site administrator (staff and superuser) who manages reference data."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--password", help="Default: asked interactively.")

    def handle(self, *args, email: str, password: str | None = None, **options):
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"{email!r} is not a valid e-mail address.") from exc
        User = get_user_model()
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the e-mail address {email} exists already.")
        if password is None:
            password = getpass.getpass("Password: ")
        try:
            validate_password(password, User(email=email))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        User.objects.create_superuser(email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Administrator {email} created."))
