"""The import pages: upload, preview with its problems, confirm or discard; escaped text,
the user's language, and the size limit before the file is read."""

import re

import pytest
from django.urls import reverse

from equalocal.exchange.models import ImportPreview
from equalocal.networks.models import Seat
from equalocal.organisations.models import Role
from equalocal.plans.models import ActionPlan
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.signin import sign_in

from .helpers import upload, xlsm, xlsx

pytestmark = pytest.mark.django_db


def _new_previews(personas):
    """Previews made by the test, beside the ones the personas hold."""
    kept = [personas.objects["preview"], personas.objects["network_preview"]]
    return ImportPreview.objects.exclude(pk__in=kept)


def _import_url(personas):
    return reverse("exchange:plan-import", kwargs={"org": personas.org_a.slug})


def test_an_editor_previews_then_imports_a_plan(client, personas):
    client.force_login(personas.user("editor"))
    data = xlsx(
        [
            ["Mål", "Åtgärd", "Ansvarig", "Tidplan"],
            ["<b>Mål</b>", "<script>alert('x')</script>", "HR", "2026"],
        ]
    )
    response = client.post(
        _import_url(personas), {"file": upload(data, "plan.xlsx"), "title": "Ny plan"}
    )
    assert response.status_code == 302
    preview = _new_previews(personas).get()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<b>Mål</b>" not in html
    assert not ActionPlan.objects.filter(title="Ny plan").exists(), "nothing before confirming"
    done = client.post(response["Location"], {"confirm": "1"})
    plan = ActionPlan.objects.get(title="Ny plan")
    assert done["Location"] == plan.get_absolute_url()
    assert plan.activities.get().title == "<script>alert('x')</script>"
    assert not ImportPreview.objects.filter(pk=preview.pk).exists()
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert "<script>alert('x')" not in detail


def test_a_preview_with_problems_cannot_be_confirmed(client, personas):
    client.force_login(personas.user("editor"))
    data = xlsx([["Activity", "End"], ["A", "someday"]])
    response = client.post(_import_url(personas), {"file": upload(data, "plan.xlsx")})
    page = client.get(response["Location"]).content.decode()
    assert "is not a date" in page and 'name="confirm"' not in page
    client.post(response["Location"], {"confirm": "1"})
    assert not ActionPlan.objects.filter(title="plan").exists()
    client.post(response["Location"], {"cancel": "1"})
    assert not _new_previews(personas).exists()


def test_a_macro_workbook_is_refused_on_the_form_in_swedish(client, personas):
    client.force_login(personas.user("editor"))
    client.cookies["django_language"] = "sv"
    response = client.post(
        _import_url(personas), {"file": upload(xlsm([["Aktivitet"], ["A"]]), "plan.xlsm")}
    )
    assert response.status_code == 200
    assert "Arbetsboken innehåller makron" in response.content.decode()
    assert not _new_previews(personas).exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, personas, settings):
    settings.IMPORTS_MAX_UPLOAD_BYTES = 1000
    client.force_login(personas.user("editor"))
    response = client.post(
        _import_url(personas), {"file": upload(b"Activity\n" + b"x" * 5000, "big.csv")}
    )
    assert response.status_code == 200
    assert "larger than" in response.content.decode()
    assert not _new_previews(personas).exists()


def test_a_viewer_may_not_import(client, personas):
    client.force_login(personas.user("viewer"))
    response = client.post(
        _import_url(personas), {"file": upload(xlsx([["Activity"], ["A"]]), "p.xlsx")}
    )
    assert response.status_code == 403
    assert not _new_previews(personas).exists()


def test_another_editors_preview_is_404(client, personas):
    client.force_login(personas.user("editor"))
    response = client.post(
        _import_url(personas), {"file": upload(xlsx([["Activity"], ["A"]]), "p.xlsx")}
    )
    client.force_login(personas.user("admin"))
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 404


def test_staff_imports_seats_for_a_network(client, personas):
    from equalocal.networks.models import Body

    group = Body.objects.get(slug=personas.objects["group"])
    person = PersonFactory(organisation=personas.org_c, name="Sara Ek")
    sign_in(client, personas.user("staff"))
    url = reverse("network_exchange:members-import", kwargs={"org": personas.objects["network"]})
    rows = [
        ["Organisation", "Group", "Seat", "Representative"],
        [personas.org_c.name, group.name, "Secretary", "Sara Ek"],
    ]
    response = client.post(url, {"file": upload(xlsx(rows), "seats.xlsx")})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "gets a seat" in page
    done = client.post(response["Location"], {"confirm": "1"})
    assert done.status_code == 302
    seat = Seat.objects.get(body=group, person=person)
    assert seat.role == "secretary"


def test_preview_dates_are_shown_in_the_users_language(client, personas):
    client.force_login(personas.user("editor"))
    client.cookies["django_language"] = "sv"
    data = xlsx([["Åtgärd", "Start"], ["A", "2026-03-01"]])
    response = client.post(_import_url(personas), {"file": upload(data, "plan.xlsx")})
    html = client.get(response["Location"]).content.decode()
    assert '<time datetime="2026-03-01">' in html
    assert '<time datetime="2026-03-01">2026-03-01</time>' not in html


def _without_tokens(html: str) -> str:
    """A page without what differs between any two requests: CSRF tokens, the preview's id."""
    html = re.sub(r'(value="|"X-CSRFToken": ")[A-Za-z0-9]{32,}', r"\1", html)
    return re.sub(r"/import/\d+/", "/import/N/", html)


def test_the_members_import_preview_is_the_same_for_real_and_invented_people(client, personas):
    """Finding 2, through the pages: a coordinator's preview and confirmation for an
    organisation that does not share its contacts read the same for someone who works there
    and for a name that is nobody's."""
    from equalocal.networks.models import Body

    group = Body.objects.get(slug=personas.objects["group"])
    PersonFactory(organisation=personas.org_c, name="Katarina Strachman")
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, organisation=group.network, role=Role.EDITOR)
    sign_in(client, coordinator)
    url = reverse("network_exchange:members-import", kwargs={"org": personas.objects["network"]})
    pages = []
    for name in ["Katarina Strachman", "Nobody Atall"]:
        rows = [
            ["Organisation", "Group", "Seat", "Representative"],
            [personas.org_c.name, group.name, "Member", name],
        ]
        response = client.post(url, {"file": upload(xlsx(rows), "seats.xlsx")})
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        confirmed = client.post(response["Location"], {"confirm": "1"}, follow=True)
        pages.append([_without_tokens(html) for html in (page, confirmed.content.decode())])
    assert pages[0] == pages[1]
    assert "does not share its contacts" in pages[0][0]
    assert "gets a seat" not in pages[0][0] and "nobody called" not in pages[0][0]
    assert not Seat.objects.filter(body=group, member=personas.org_c).exists()
