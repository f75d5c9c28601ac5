"""Good practices, publications and events through the API, by persona.

The personas own, in org A, a draft practice, an unpublished publication and an unpublished
event: they exist only for org A's members (and staff). ``peer`` is a member of org C, in
the same network as org A; ``outsider`` of org B.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from equalocal.api.services import api_token_create, api_token_revoke
from equalocal.charters.models import Article
from equalocal.library.models import PracticeStatus
from equalocal.library.tests.factories import (
    EventFactory,
    PracticeAttachmentFactory,
    PracticeFactory,
    PublicationFactory,
    PublicationPartFactory,
    RegistrationFactory,
    ThemeFactory,
)
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    OrganisationFactory,
    PublishingFactory,
)
from tests.personas import PERSONAS

MEMBERS = {"viewer", "editor", "admin", "staff"}
OUTSIDERS = {"anonymous", "outsider", "peer"}
assert set(PERSONAS) == MEMBERS | OUTSIDERS


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# Private objects: members only ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["practice", "publication", "event"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_unpublished_objects_exist_only_for_the_owners_members(api_as, personas, kind, persona):
    url = f"/{kind}s/{personas.objects[kind]}"
    response = api_as(persona).get(url)
    if persona in MEMBERS:
        assert response.status_code == 200
        assert response.json()["id"] == personas.objects[kind]
    else:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["practices", "publications", "events"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_nobody_the_unpublished_objects(api_as, personas, kind, persona):
    assert personas.objects[kind.removesuffix("s")] not in _ids(api_as(persona).get(f"/{kind}"))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["practice", "publication", "event"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_published_objects_are_public(api_as, personas, kind, persona):
    owner = personas.org_a
    made = {
        "practice": lambda: PracticeFactory(owner=owner, published=True),
        "publication": lambda: PublicationFactory(owner=owner),
        "event": lambda: EventFactory(organiser=owner),
    }[kind]()
    assert api_as(persona).get(f"/{kind}s/{made.pk}").status_code == 200
    assert made.pk in _ids(api_as(persona).get(f"/{kind}s"))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["practices", "publications", "events"])
def test_a_revoked_token_gets_401(api_as, personas, kind):
    token, raw = api_token_create(user=personas.user("viewer"), name="gammal")
    api_token_revoke(token=token)
    response = api_as("viewer", raw=raw).get(f"/{kind}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_owner_filter_shows_members_their_drafts(api_as, personas, persona):
    in_review = PracticeFactory(owner=personas.org_a, status=PracticeStatus.IN_REVIEW)
    published = PracticeFactory(owner=personas.org_a, published=True)
    PracticeFactory(owner=personas.org_b, published=True)
    ids = _ids(api_as(persona).get("/practices", owner="org-a"))
    if persona in MEMBERS:
        assert set(ids) == {personas.objects["practice"], in_review.pk, published.pk}
        drafts = _ids(api_as(persona).get("/practices", owner="org-a", status="draft"))
        assert drafts == [personas.objects["practice"]]
    else:
        assert ids == [published.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_organiser_filter_shows_members_their_unpublished_events(api_as, personas, persona):
    published = EventFactory(organiser=personas.org_a)
    ids = _ids(api_as(persona).get("/events", organiser="org-a"))
    if persona in MEMBERS:
        assert set(ids) == {personas.objects["event"], published.pk}
    else:
        assert ids == [published.pk]


@pytest.mark.django_db
def test_an_unknown_owner_is_404(api_as, personas):
    for path, name in [("/practices", "owner"), ("/publications", "owner")]:
        assert api_as("anonymous").get(path, **{name: "nowhere"}).status_code == 404
    assert api_as("anonymous").get("/events", organiser="nowhere").status_code == 404


# Practices ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_practices_filter_like_the_library_page(api_as, personas):
    article = Article.objects.select_related("charter").get(charter__code="2022", number=5)
    theme = ThemeFactory(slug="budget")
    sweden = OrganisationFactory(country="SE")
    france = OrganisationFactory(country="FR")
    tagged = PracticeFactory(
        owner=sweden, published=True, articles=[article], themes=[theme], title="Budget"
    )
    french = PracticeFactory(owner=france, published=True, language="fr", summary="Crèches")
    PracticeFactory(owner=sweden, articles=[article], themes=[theme])  # a draft
    api = api_as("anonymous")
    assert _ids(api.get("/practices", article="2022:5")) == [tagged.pk]
    assert _ids(api.get("/practices", theme="budget")) == [tagged.pk]
    assert _ids(api.get("/practices", country="fr")) == [french.pk]
    assert _ids(api.get("/practices", language="fr")) == [french.pk]
    assert _ids(api.get("/practices", q="crèches")) == [french.pk]
    assert _ids(api.get("/practices", ordering="title")) == [tagged.pk, french.pk]
    item = api.get("/practices", article="2022:5").json()["items"][0]
    assert item["articles"] == ["2022:5"]
    assert item["themes"] == ["budget"]
    assert item["country"] == "SE"
    response = api.get("/practices", article="fem")
    assert response.status_code == 422
    assert "article" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_practices_page_by_cursor_newest_first_without_repeats(api_as, personas):
    now = timezone.now()
    made = [PracticeFactory(published=True, published_at=now - timedelta(days=n)) for n in range(5)]
    api = api_as("anonymous")
    seen, cursor = [], None
    while True:
        body = api.get("/practices", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [p.pk for p in made]


@pytest.mark.django_db
def test_drafts_page_by_cursor_for_members(api_as, personas):
    PracticeFactory.create_batch(4, owner=personas.org_a)
    api = api_as("viewer")
    first = api.get("/practices", owner="org-a", limit=3).json()
    rest = api.get("/practices", owner="org-a", limit=3, cursor=first["next_cursor"]).json()
    ids = [item["id"] for item in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 5
    assert rest["next_cursor"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "outsider", "viewer"])
def test_a_practice_shows_outsiders_only_the_owners_public_parts(api_as, personas, persona):
    owner = personas.org_a
    practice = PracticeFactory(owner=owner, published=True, results="Fler kvinnor i ledningen")
    public_plan = ActionPlanFactory(organisation=owner, is_published=True, title="Offentlig")
    draft_plan = ActionPlanFactory(organisation=owner, title="Utkast")
    shown = ActivityFactory(plan=public_plan, title="Synlig")
    hidden = ActivityFactory(plan=draft_plan, title="Dold")
    practice.activities.set([shown, hidden])
    practice.indicators.set([IndicatorFactory(owner=owner, code="J-1")])
    practice.links.create(title="Rapport", url="https://example.org/rapport")
    attachment = PracticeAttachmentFactory(practice=practice, filename="bilaga.pdf")
    body = api_as(persona).get(f"/practices/{practice.pk}").json()
    titles = [a["title"] for a in body["activities"]]
    if persona == "viewer":
        assert sorted(titles) == ["Dold", "Synlig"]
        assert [i["code"] for i in body["indicators"]] == ["J-1"]
    else:
        assert titles == ["Synlig"]
        assert body["indicators"] == []
    assert body["links"] == [{"title": "Rapport", "url": "https://example.org/rapport"}]
    assert body["results"] == "Fler kvinnor i ledningen"
    # The attachment's link is the page's download view, with the same access rule.
    (file,) = body["attachments"]
    assert file["filename"] == "bilaga.pdf"
    path = file["download_url"].removeprefix("http://testserver")
    assert path == f"/library/practices/{practice.pk}/files/{attachment.pk}/"


@pytest.mark.django_db
def test_indicators_of_a_practice_are_public_where_the_owner_publishes_figures(api_as, personas):
    PublishingFactory(organisation=personas.org_a, figures=True)
    practice = PracticeFactory(owner=personas.org_a, published=True)
    practice.indicators.set([IndicatorFactory(owner=personas.org_a, code="J-2")])
    body = api_as("anonymous").get(f"/practices/{practice.pk}").json()
    assert [i["code"] for i in body["indicators"]] == ["J-2"]


# Publications ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_publication_has_its_parts_and_only_its_published_case_studies(api_as, personas):
    publication = PublicationFactory(owner=personas.org_a, title="Handbok")
    tool = PublicationPartFactory(publication=publication, kind="tool", title="Verktyg", order=2)
    guide = PublicationPartFactory(publication=publication, title="Riktlinje", order=1)
    case = PracticeFactory(owner=personas.org_b, published=True, publication=publication)
    PracticeFactory(owner=personas.org_b, publication=publication)  # a draft
    event = EventFactory(organiser=personas.org_a, publication=publication)
    EventFactory(organiser=personas.org_a, publication=publication, is_published=False)
    body = api_as("anonymous").get(f"/publications/{publication.pk}").json()
    assert [(p["id"], p["kind"]) for p in body["parts"]] == [
        (guide.pk, "guideline"),
        (tool.pk, "tool"),
    ]
    assert [c["id"] for c in body["case_studies"]] == [case.pk]
    assert [e["id"] for e in body["events"]] == [event.pk]
    listed = api_as("anonymous").get("/publications", owner="org-a").json()["items"]
    assert [(p["id"], p["case_studies"]) for p in listed] == [(publication.pk, 1)]


@pytest.mark.django_db
def test_publications_filter_and_order(api_as, personas):
    today = timezone.localdate()
    old = PublicationFactory(title="Äldre", published_on=today - timedelta(days=400))
    new = PublicationFactory(title="Nyare", language="sv")
    api = api_as("anonymous")
    assert _ids(api.get("/publications")) == [new.pk, old.pk]
    assert _ids(api.get("/publications", language="sv")) == [new.pk]
    assert _ids(api.get("/publications", q="LDRE")) == [old.pk]


# Events ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_events_are_upcoming_by_default_and_past_on_request(api_as, personas):
    now = timezone.now()
    later = EventFactory(starts_at=now + timedelta(days=60), ends_at=now + timedelta(days=61))
    soon = EventFactory(starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2))
    running = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    past = EventFactory(starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=8))
    older = EventFactory(starts_at=now - timedelta(days=99), ends_at=now - timedelta(days=98))
    api = api_as("anonymous")
    assert _ids(api.get("/events")) == [running.pk, soon.pk, later.pk]
    assert _ids(api.get("/events", period="past")) == [past.pk, older.pk]
    assert len(_ids(api.get("/events", period="all"))) == 5
    assert _ids(api.get("/events", period="past", ordering="starts")) == [older.pk, past.pk]


@pytest.mark.django_db
def test_an_event_tells_the_places_left(api_as, personas):
    event = EventFactory(capacity=3, speakers="Anna Berg\n\nBo Ek\n")
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status="cancelled")
    api = api_as("anonymous")
    body = api.get(f"/events/{event.pk}").json()
    assert body["places_left"] == 1
    assert body["speakers"] == ["Anna Berg", "Bo Ek"]
    assert body["is_over"] is False
    assert body["calendar_url"].endswith(f"/library/events/{event.pk}/calendar.ics")
    (item,) = api.get("/events").json()["items"]
    assert item["places_left"] == 1
    assert "registrations" not in body  # people's names and e-mails stay on the pages


# Bounded queries ------------------------------------------------------------------------------


def _make(kind: str, count: int, owner) -> None:
    article = Article.objects.get(charter__code="2022", number=5)
    for number in range(count):
        if kind == "practices":
            theme = ThemeFactory(slug=f"t-{number % 3}")
            practice = PracticeFactory(
                owner=owner, published=True, articles=[article], themes=[theme]
            )
            practice.organisations.add(owner)
        elif kind == "publications":
            publication = PublicationFactory(owner=owner)
            PracticeFactory(owner=owner, published=True, publication=publication)
            PublicationPartFactory(publication=publication)
        else:
            event = EventFactory(organiser=owner, capacity=10)
            RegistrationFactory(event=event)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("practices", {}),
        ("practices", {"owner": "org-a"}),
        ("publications", {}),
        ("events", {}),
        ("events", {"organiser": "org-a"}),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    api_as, personas, django_assert_max_num_queries, kind, params
):
    api = api_as("viewer")
    api.get(f"/{kind}", **params)  # warm the caches a first request fills (site, charters)
    counts, made = [], 0
    for total in (2, 20):
        _make(kind, total - made, personas.org_a)
        made = total
        with django_assert_max_num_queries(20) as captured:
            response = api.get(f"/{kind}", limit=200, **params)
        assert len(response.json()["items"]) >= total
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
