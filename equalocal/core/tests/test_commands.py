"""The demo, createadmin and runapp management commands."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from equalocal.core.demo import DEMO_PASSWORD
from equalocal.organisations.demo import DEMO_USERS
from equalocal.organisations.models import Membership, Organisation, Person, Role
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def _counts():
    return {
        model.__name__: model.objects.count() for model in (Organisation, Person, Membership, User)
    }


def _demo(*args, **kwargs):
    out = StringIO()
    call_command("demo", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_demo_is_idempotent_and_prints_the_sign_ins():
    first = _demo()
    after_first = _counts()
    second = _demo()
    assert _counts() == after_first
    assert after_first["Organisation"] >= 20
    demo_emails = {email for email, _description in DEMO_USERS}
    assert (
        set(User.objects.filter(email__in=demo_emails).values_list("email", flat=True))
        == demo_emails
    )
    for output in (first, second):
        assert "Demo data loaded." in output
        assert f"Demo sign-in (password for all: {DEMO_PASSWORD}):" in output
        for email, _description in DEMO_USERS:
            assert email in output
    for organisation in Organisation.objects.all():
        organisation.full_clean()  # the demo's official codes follow the validation rules


def test_demo_users_sign_in_and_a_second_run_keeps_their_changed_password(client):
    _demo()
    signed_in = client.post(
        reverse("accounts:login"), {"username": "admin@example.org", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert signed_in.url == reverse("home:index")
    admin = User.objects.get(email="admin@example.org")
    assert Membership.objects.get(user=admin, organisation__slug="umea").role == Role.ADMIN
    assert User.objects.get(email="staff@example.org").is_staff
    admin.set_password("changed-by-the-user-1")
    admin.save()
    _demo()
    admin.refresh_from_db()
    assert admin.check_password("changed-by-the-user-1")


def test_demo_if_empty_leaves_an_existing_database_alone():
    OrganisationFactory(name="Existing")
    output = _demo(if_empty=True)
    assert "already has organisations; left as it is" in output
    assert Organisation.objects.count() == 1
    assert "Demo sign-in" not in output  # no demo accounts in this database


def test_demo_if_empty_loads_into_an_empty_database():
    output = _demo(if_empty=True)
    assert "Demo data loaded." in output
    assert Organisation.objects.filter(slug="umea").exists()


def test_createadmin_creates_a_staff_superuser():
    out = StringIO()
    call_command("createadmin", "root@example.org", password="long-enough-1", stdout=out)
    user = User.objects.get(email="root@example.org")
    assert user.is_staff and user.is_superuser
    assert user.check_password("long-enough-1")
    assert "Administrator root@example.org created." in out.getvalue()


@pytest.mark.parametrize("email", ["not-an-email", "root@", "@example.org", ""])
def test_createadmin_rejects_an_invalid_email(email):
    with pytest.raises(CommandError, match="is not a valid e-mail address"):
        call_command("createadmin", email, password="long-enough-1")
    assert not User.objects.exists()


def test_createadmin_rejects_an_existing_email_in_any_case():
    User.objects.create_user(email="root@example.org", password="x")
    with pytest.raises(CommandError, match="exists already"):
        call_command("createadmin", "ROOT@example.org", password="long-enough-1")


def test_createadmin_rejects_a_short_password():
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("createadmin", "root@example.org", password="short")
    assert not User.objects.exists()


def test_createadmin_asks_for_the_password_when_not_given(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt: "typed-password-1")
    call_command("createadmin", "root@example.org", stdout=StringIO())
    assert User.objects.get(email="root@example.org").check_password("typed-password-1")


def test_createadmin_rejects_a_common_password():
    with pytest.raises(CommandError, match="too common"):
        call_command("createadmin", "root@example.org", password="password1234")
    assert not User.objects.exists()
