"""The load benchmark's set-up (``equalocal load_setup``): every page it names answers 200
with the session or token it made, as a non-staff user."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from equalocal.core.loadbench import USER_DOMAIN, load_setup

pytestmark = pytest.mark.django_db


def get(page):
    client = Client()
    headers = dict(page.headers)
    cookie = headers.pop("Cookie", "")
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    return client.get(page.path, headers=headers)


def test_every_page_answers_with_its_session_or_token(personas):
    setup = load_setup()
    names = {page.name for page in setup.pages}
    assert {"trivial page (floor)", "plan page", "organisation dashboard"} <= names
    assert {"network dashboard", "API: organisations", "API: plan activities"} <= names
    assert [page.name for page in setup.pages if page.floor] == ["trivial page (floor)"]
    for page in setup.pages:
        response = get(page)
        assert response.status_code == 200, (page.name, page.path, response.status_code)
    users = get_user_model().objects.filter(email__endswith=USER_DOMAIN)
    assert users.exists()
    assert not users.filter(is_staff=True).exists()
    assert not any(user.has_usable_password() for user in users)


def test_a_second_set_up_reuses_its_users_and_replaces_its_token(personas):
    load_setup()
    count = get_user_model().objects.filter(email__endswith=USER_DOMAIN).count()
    second = load_setup()
    assert get_user_model().objects.filter(email__endswith=USER_DOMAIN).count() == count
    api = next(page for page in second.pages if page.name == "API: organisations")
    assert get(api).status_code == 200


def test_the_command_writes_the_pages(personas, tmp_path):
    output = tmp_path / "pages.json"
    call_command("load_setup", str(output))
    pages = json.loads(output.read_text())["pages"]
    assert pages[0]["path"] == "/accessibility/"
    assert all(page["path"].startswith("/") for page in pages)


def test_missing_showcase_objects_are_built_at_the_benchmarks_size(db):
    setup = load_setup(build_missing=True)
    sizes = {page.name: page.size for page in setup.pages}
    assert sizes["plan page"] == "200 activities"
    assert sizes["network scorecard"] == "20 indicators × 50 members"
    assert sizes["report list"] == "50 reports"
    assert int(sizes["network dashboard"].split()[0]) >= 450
    for page in setup.pages:
        assert get(page).status_code == 200, page.name
