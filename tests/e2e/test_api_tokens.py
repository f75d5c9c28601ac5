"""A person creates an API token from their profile, uses it once, and revokes it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

EDITOR = "editor@example.org"  # editor in Umeå kommun


def test_create_use_and_revoke_a_token(page, sign_in, axe, live_server):
    sign_in(EDITOR)
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Manage your API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    axe(page)
    page.get_by_label("Name").fill("Kolada sync")
    page.get_by_label("May change data").check()
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert re.fullmatch(r"eql_[\w-]{40,}", token)
    axe(page)

    answer = page.request.get(
        "/api/v1/organisations/umea/plans", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status == 200
    page.goto("/accounts/api-tokens/")
    row = page.get_by_role("row", name=re.compile("Kolada sync"))
    expect(row).to_contain_text("read and write")
    expect(row).not_to_contain_text("never")  # the use above is shown
    assert token not in page.content()

    row.get_by_role("button", name=re.compile("Revoke")).click()
    expect(page.get_by_role("row", name=re.compile("Kolada sync"))).to_contain_text("revoked")
    answer = page.request.get(
        "/api/v1/organisations/umea/plans", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status == 401
    axe(page)
