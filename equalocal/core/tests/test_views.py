"""Home page, organisation switcher and error pages."""

import pytest
from django.urls import reverse

from equalocal.core.errors import ApplicationError
from equalocal.core.forms import add_service_error
from equalocal.organisations.forms import PersonForm
from equalocal.organisations.middleware import SESSION_KEY
from equalocal.organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_of_two(db):
    user = UserFactory()
    first = MembershipFactory(user=user, organisation__name="A first", role=Role.ADMIN).organisation
    second = MembershipFactory(user=user, organisation__name="B second").organisation
    return user, first, second


def _switch(client, organisation_pk, next_url=""):
    return client.post(
        reverse("home:switch-organisation"), {"organisation": organisation_pk, "next": next_url}
    )


def test_switcher_remembers_one_of_the_users_organisations(client, member_of_two):
    user, _first, second = member_of_two
    sign_in(client, user)
    response = _switch(client, second.pk, "/organisations/")
    assert response.status_code == 302
    assert response.url == "/organisations/"
    assert client.session[SESSION_KEY] == second.pk
    assert client.get(reverse("home:index")).context["organisation"] == second


def test_switcher_refuses_an_organisation_the_user_is_not_a_member_of(client, member_of_two):
    user, _first, second = member_of_two
    foreign = OrganisationFactory()
    sign_in(client, user)
    _switch(client, second.pk)
    _switch(client, foreign.pk)
    assert client.session[SESSION_KEY] == second.pk
    assert client.get(reverse("home:index")).context["organisation"] == second


@pytest.mark.parametrize("value", ["", "abc", "99999"])
def test_switcher_ignores_nonsense_organisation_values(client, member_of_two, value):
    user, first, _second = member_of_two
    sign_in(client, user)
    response = _switch(client, value)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home:index")).context["organisation"] == first


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_switcher_rejects_unsafe_next_urls(client, member_of_two, next_url):
    user, _first, second = member_of_two
    sign_in(client, user)
    response = _switch(client, second.pk, next_url)
    assert response.status_code == 302
    assert response.url == reverse("home:index")


def test_switcher_accepts_a_local_next_url_with_query(client, member_of_two):
    user, _first, second = member_of_two
    sign_in(client, user)
    response = _switch(client, second.pk, "/organisations/?q=umea")
    assert response.url == "/organisations/?q=umea"


def test_switcher_needs_sign_in_and_post(client, member_of_two):
    user, first, _second = member_of_two
    response = _switch(client, first.pk)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    sign_in(client, user)
    assert client.get(reverse("home:switch-organisation")).status_code == 405


def test_switcher_falls_back_when_the_membership_ends(client, member_of_two):
    user, first, second = member_of_two
    sign_in(client, user)
    _switch(client, second.pk)
    second.memberships.filter(user=user).delete()
    assert client.get(reverse("home:index")).context["organisation"] == first


def test_switcher_is_shown_only_to_members_of_several_organisations(client, member_of_two):
    user, _first, _second = member_of_two
    sign_in(client, user)
    assert 'id="switch-organisation"' in client.get(reverse("home:index")).content.decode()
    client.force_login(MembershipFactory().user)
    assert 'id="switch-organisation"' not in client.get(reverse("home:index")).content.decode()


def test_home_page_for_anonymous_has_no_organisation(client, db):
    response = client.get(reverse("home:index"))
    assert response.status_code == 200
    assert response.context["organisation"] is None


def test_unknown_page_uses_the_404_template(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]


def test_accessibility_statement_renders(client, db):
    assert client.get(reverse("core:accessibility")).status_code == 200


def test_add_service_error_puts_application_errors_on_the_named_field():
    form = PersonForm({"name": "X"})
    form.is_valid()
    add_service_error(form, ApplicationError("Bad e-mail.", field="email"))
    add_service_error(form, ApplicationError("General problem."))
    add_service_error(form, ApplicationError("Unknown field.", field="nope"))
    assert form.errors["email"] == ["Bad e-mail."]
    assert form.non_field_errors() == ["General problem.", "Unknown field."]


def test_add_service_error_spreads_validation_errors_over_fields():
    from django.core.exceptions import ValidationError

    form = PersonForm({"name": "X"})
    form.is_valid()
    add_service_error(form, ValidationError({"phone": ["Bad phone."], "__all__": ["Whole form."]}))
    add_service_error(form, ValidationError("Plain."))
    assert form.errors["phone"] == ["Bad phone."]
    assert form.non_field_errors() == ["Whole form.", "Plain."]


def test_switcher_on_https_rejects_a_plain_http_next_url(client, member_of_two):
    user, _first, second = member_of_two
    sign_in(client, user)
    response = client.post(
        reverse("home:switch-organisation"),
        {"organisation": second.pk, "next": "http://testserver/organisations/"},
        secure=True,
    )
    assert response.url == reverse("home:index")
