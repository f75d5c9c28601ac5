"""Personal API tokens: created, shown once, hashed at rest, last use recorded, revoked."""

import hashlib

import pytest
from django.urls import reverse

from equalocal.api.models import ApiToken
from equalocal.api.services import api_token_authenticate, api_token_create, api_token_revoke
from equalocal.core.errors import ApplicationError
from tests.factories import UserFactory
from tests.signin import sign_in


@pytest.mark.django_db
def test_only_a_digest_of_the_secret_is_stored():
    token, raw = api_token_create(user=UserFactory(), name="Kolada")
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw.startswith("eql_")
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)


@pytest.mark.django_db
def test_authentication_records_the_last_use_and_refuses_revoked_tokens():
    token, raw = api_token_create(user=UserFactory(), name="Kolada")
    assert api_token_authenticate(raw=raw).pk == token.pk
    token.refresh_from_db()
    assert token.last_used_at is not None
    api_token_revoke(token=token)
    assert api_token_authenticate(raw=raw) is None
    assert api_token_authenticate(raw=raw[:-1] + "x") is None


@pytest.mark.django_db
def test_a_token_needs_a_name():
    with pytest.raises(ApplicationError):
        api_token_create(user=UserFactory(), name="   ")


@pytest.mark.django_db
def test_tokens_of_inactive_users_do_not_work():
    user = UserFactory()
    _token, raw = api_token_create(user=user, name="x")
    user.is_active = False
    user.save()
    assert api_token_authenticate(raw=raw) is None


@pytest.mark.django_db
def test_the_page_shows_a_new_token_once(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("api_tokens:list")
    response = client.post(url, {"name": "Skript", "can_write": "on"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=user)
    assert token.can_write
    raw = response.context["raw_token"]
    assert raw.encode() in response.content
    again = client.get(url)
    assert raw.encode() not in again.content
    assert token.prefix.encode() in again.content
    assert b"Skript" in again.content


@pytest.mark.django_db
def test_the_page_refuses_an_empty_name(client):
    client.force_login(UserFactory())
    response = client.post(reverse("api_tokens:list"), {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_revoking_from_the_page(client):
    user = UserFactory()
    token, _raw = api_token_create(user=user, name="Gammal")
    client.force_login(user)
    response = client.post(reverse("api_tokens:revoke", kwargs={"api_token": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_nobody_revokes_another_users_token(client):
    token, _raw = api_token_create(user=UserFactory(), name="Annans")
    client.force_login(UserFactory())
    response = client.post(reverse("api_tokens:revoke", kwargs={"api_token": token.pk}))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_the_profile_links_to_the_tokens_in_swedish(client):
    user = UserFactory(language="sv")
    api_token_create(user=user, name="a")
    client.force_login(user)
    response = client.get(reverse("accounts:profile"), headers={"accept-language": "sv"})
    assert b"Hantera dina API-nycklar" in response.content
    assert b"Du har 1 aktiv nyckel" in response.content


@pytest.mark.django_db
def test_the_token_page_is_in_swedish(client):
    client.force_login(UserFactory(language="sv"))
    response = client.get(reverse("api_tokens:list"), headers={"accept-language": "sv"})
    assert b"API-nycklar" in response.content
    assert b"Skapa nyckel" in response.content


@pytest.mark.django_db
def test_staff_revoke_tokens_in_the_admin_without_seeing_secrets(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    token, raw = api_token_create(user=UserFactory(), name="Läckt")
    sign_in(client, staff)
    listing = client.get(reverse("admin:api_apitoken_changelist"))
    assert listing.status_code == 200
    assert token.digest.encode() not in listing.content
    detail = client.get(reverse("admin:api_apitoken_change", args=[token.pk]))
    assert token.digest.encode() not in detail.content
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    assert api_token_authenticate(raw=raw) is None
