"""Who gets in: tokens (never sessions), 401 for wrong or revoked ones, and rate limits."""

import pytest

from equalocal.api.services import api_token_create, api_token_revoke
from equalocal.plans.models import ActionPlan

PLAN = "/organisations/org-a/plans/{}"


@pytest.mark.django_db
def test_revoked_token_fails_with_401(api_as, personas):
    token, raw = api_token_create(user=personas.user("editor"), name="x", can_write=True)
    api = api_as("editor", raw=raw)
    assert api.get(PLAN.format(personas.objects["plan"])).status_code == 200
    api_token_revoke(token=token)
    response = api.get(PLAN.format(personas.objects["plan"]))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"
    assert response["WWW-Authenticate"] == "Bearer"
    # Even on public data: a token that was sent must be valid.
    assert api.get("/organisations").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Bearer eql_wrong", "Basic dXNlcjpwdw==", "Bearer ", "eql_x"])
def test_wrong_tokens_fail_with_401(api_as, header):
    response = api_as("anonymous").get("/organisations", headers={"Authorization": header})
    assert response.status_code == 401


@pytest.mark.django_db
def test_writes_need_a_token(api_as):
    response = api_as("anonymous").post("/organisations/org-a/plans", {"title": "x"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.django_db
def test_the_browser_session_does_not_open_the_api(client, personas):
    client.force_login(personas.user("admin"))
    response = client.get("/api/v1" + PLAN.format(personas.objects["plan"]))
    assert response.status_code == 404
    response = client.post(
        "/api/v1/organisations/org-a/plans", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert not ActionPlan.objects.filter(title="x").exists()


@pytest.mark.django_db
def test_anonymous_clients_are_rate_limited(api_as, settings):
    settings.API_ANONYMOUS_PER_MINUTE = 3
    api = api_as("anonymous")
    assert [api.get("/organisations").status_code for _ in range(3)] == [200, 200, 200]
    response = api.get("/organisations")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "rate_limited"


@pytest.mark.django_db
def test_token_holders_are_not_limited_as_anonymous(api_as, settings):
    settings.API_ANONYMOUS_PER_MINUTE = 1
    api = api_as("viewer")
    assert {api.get("/organisations").status_code for _ in range(3)} == {200}


@pytest.mark.django_db
def test_failed_token_attempts_block_the_address(api_as, settings):
    settings.API_FAILED_TOKENS_PER_15_MINUTES = 2
    wrong = api_as("anonymous", raw="eql_guess")
    assert [wrong.get("/organisations").status_code for _ in range(2)] == [401, 401]
    blocked = wrong.get("/organisations")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) <= 15 * 60
    # The address is refused for the window, a valid token included.
    assert api_as("viewer").get("/organisations").status_code == 429


@pytest.mark.django_db
def test_errors_are_in_the_clients_language(api_as):
    response = api_as("anonymous").post(
        "/organisations/org-a/plans", {"title": "x"}, headers={"Accept-Language": "sv"}
    )
    assert response.json()["error"]["message"] == "Det här kräver en personlig API-nyckel."


@pytest.mark.django_db
def test_messages_follow_accept_language_else_the_token_owners_language(api_as, personas):
    user = personas.user("viewer")
    user.language = "sv"
    user.save(update_fields=["language"])
    swedish = api_as("viewer").post("/organisations/org-a/plans", {"title": "x"})
    english = api_as("viewer").post(
        "/organisations/org-a/plans", {"title": "x"}, headers={"Accept-Language": "en"}
    )
    assert swedish.json()["error"]["message"] == "Din roll tillåter inte det här."
    assert english.json()["error"]["message"] == "Your role does not allow this here."
