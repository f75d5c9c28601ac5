"""Walk every API operation with every persona's token (anonymous: none) and check the status.

A new operation without an entry in EXPECTED fails ``test_every_operation_has_expectations``.
The personas' plan is a draft of org A: private to its members. Org A publishes its
commitment (the default), so commitments are public.
"""

import json

import pytest

from equalocal.api.schema import SNAPSHOT
from equalocal.documents.models import Document
from equalocal.plans.models import ActionPlan, Activity
from tests.factories import ExtractedItemFactory, NetworkSharingFactory
from tests.personas import PERSONAS

ALL_200 = dict.fromkeys(PERSONAS, 200)
MEMBERS_READ = {**dict.fromkeys(PERSONAS, 404), "viewer": 200, "editor": 200, "admin": 200}
MEMBERS_READ["staff"] = 200


def _editors(success: int) -> dict:
    return {
        "anonymous": 401,
        "viewer": 403,
        "editor": success,
        "admin": success,
        "outsider": 404,
        "peer": 404,
        "staff": success,
    }


def _coordinators(success: int) -> dict:
    """Network N has no coordinator among the personas: its members' people get 403, and
    only staff may act for it."""
    return {
        "anonymous": 401,
        "viewer": 403,
        "editor": 403,
        "admin": 403,
        "outsider": 404,
        "peer": 403,
        "staff": success,
    }


PLAN = "/organisations/{slug}/plans/{plan_id}"
ACTIVITY = PLAN + "/activities/{activity_id}"
DOCUMENT = "/organisations/{slug}/documents/{document_id}"
ITEM = DOCUMENT + "/items/{item_id}"
SEATS = "/networks/{slug}/bodies/{body_slug}/seats"
MEMBERSHIPS = "/networks/{slug}/memberships"
NETWORK_REQUESTS = "/organisations/{slug}/network-requests"
ANSWER = NETWORK_REQUESTS + "/{request_id}/answer"

EXPECTED = {
    ("get", "/"): ALL_200,
    ("get", "/organisations"): ALL_200,
    ("get", "/organisations/{slug}"): ALL_200,
    ("get", "/organisations/{slug}/commitments"): ALL_200,
    ("get", "/organisations/{slug}/commitments/{commitment_id}"): ALL_200,
    ("get", "/organisations/{slug}/plans"): ALL_200,
    ("post", "/organisations/{slug}/plans"): _editors(201),
    ("get", PLAN): MEMBERS_READ,
    ("patch", PLAN): _editors(200),
    ("get", PLAN + "/goals"): MEMBERS_READ,
    ("post", PLAN + "/goals"): _editors(201),
    ("get", PLAN + "/activities"): MEMBERS_READ,
    ("post", PLAN + "/activities"): _editors(201),
    ("get", ACTIVITY): MEMBERS_READ,
    ("patch", ACTIVITY): _editors(200),
    ("get", ACTIVITY + "/progress"): MEMBERS_READ,
    ("post", ACTIVITY + "/progress"): _editors(201),
    # Org A does not publish its figures (the default); its scorecard is not published.
    ("get", "/organisations/{slug}/indicators"): MEMBERS_READ,
    ("get", "/organisations/{slug}/measurements"): MEMBERS_READ,
    ("post", "/organisations/{slug}/measurements"): _editors(200),
    ("get", "/organisations/{slug}/scorecards"): ALL_200,
    ("get", "/organisations/{slug}/scorecards/{scorecard_id}"): MEMBERS_READ,
    ("get", "/organisations/{slug}/documents"): MEMBERS_READ,
    ("get", DOCUMENT): MEMBERS_READ,
    ("patch", DOCUMENT): _editors(200),
    ("get", DOCUMENT + "/items"): MEMBERS_READ,
    ("post", ITEM + "/accept"): _editors(200),
    ("post", ITEM + "/reject"): _editors(200),
    # Network N's group is public: everyone reads it, members more (test_networks.py).
    ("get", "/networks/{slug}/bodies"): ALL_200,
    ("get", MEMBERSHIPS): ALL_200,
    ("post", MEMBERSHIPS): _coordinators(201),
    ("post", MEMBERSHIPS + "/{membership_id}/leave"): _coordinators(200),
    ("get", "/networks/{slug}/requests"): _coordinators(200),
    ("get", SEATS): ALL_200,
    ("post", SEATS): _coordinators(201),
    # Org A's seat: its admin may change it too (the representative and the dates).
    ("patch", SEATS + "/{seat_id}"): {**_coordinators(200), "admin": 200},
    ("get", "/networks/{slug}/bodies/{body_slug}/meetings"): ALL_200,
    # A network's request to org A: its members read it, its admins answer (not the network).
    ("get", NETWORK_REQUESTS): {**MEMBERS_READ, "anonymous": 401},
    ("post", ANSWER): {**_editors(200), "editor": 403},
    # The personas' practice, publication, event and report are drafts: members only.
    ("get", "/practices"): ALL_200,
    ("get", "/practices/{practice_id}"): MEMBERS_READ,
    ("get", "/publications"): ALL_200,
    ("get", "/publications/{publication_id}"): MEMBERS_READ,
    ("get", "/events"): ALL_200,
    ("get", "/events/{event_id}"): MEMBERS_READ,
    ("get", "/organisations/{slug}/reports"): ALL_200,
    ("get", "/organisations/{slug}/reports/{report_id}"): MEMBERS_READ,
}


def _body(method, path, objects) -> dict:
    from datetime import date

    from equalocal.documents.models import ExtractedItem
    from equalocal.networks.models import Seat

    if method == "get":
        return {}
    if path == "/organisations/{slug}/measurements":
        return {"indicator": objects["indicator"], "period": "2025", "gender": "men", "value": 7}
    if path == DOCUMENT:
        lock = Document.objects.get(pk=objects["document"]).lock_version
        return {"lock_version": lock, "title": "Protokoll KS 2024-10-01, § 62"}
    if path.startswith(ITEM):
        return {"lock_version": ExtractedItem.objects.get(pk=objects["item"]).lock_version}
    if path == ANSWER:
        return {"answer": "accept", "shares": ["commitment", "progress"]}
    if path == MEMBERSHIPS:
        return {"member": "org-b", "note": "Välkomna!"}
    if path.endswith("/leave"):
        return {"left_on": date.today().isoformat(), "reason": "Beslut i styrelsen"}
    if path == SEATS:
        return {"member": "org-a", "role": "substitute"}
    if path.startswith(SEATS):
        lock = Seat.objects.get(pk=objects["seat"]).lock_version
        return {"lock_version": lock, "share_of_time": 10}
    if path == "/organisations/{slug}/plans":
        return {"title": "Ny plan"}
    if path == PLAN:
        lock = ActionPlan.objects.get(pk=objects["plan"]).lock_version
        return {"lock_version": lock, "purpose": "Ändrat syfte"}
    if path.endswith("/goals"):
        return {"title": "Nytt mål"}
    if path.endswith("/activities"):
        return {"title": "Ny insats", "status": "in_progress", "start_date": "2025-03-01"}
    if path == ACTIVITY:
        lock = Activity.objects.get(pk=objects["activity"]).lock_version
        return {"lock_version": lock, "responsible_unit": "HR"}
    return {"status": "in_progress", "progress": 30, "note": "Halvvägs"}


def test_every_operation_has_expectations():
    schema = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, methods in schema["paths"].items()
        for method in methods
    }
    assert operations == set(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), sorted(EXPECTED))
def test_operation_status_by_persona(api_as, personas, method, path):
    objects = dict(personas.objects)
    for persona in PERSONAS:
        if path == ITEM + "/accept":
            # An accepted item cannot be accepted again: each persona gets one to review.
            document = Document.objects.get(pk=objects["document"])
            objects["item"] = ExtractedItemFactory(document=document).pk
        if path == ANSWER:
            # An answered request cannot be answered again: each persona gets one to answer.
            objects["pending_sharing"] = NetworkSharingFactory(
                member=personas.org_a, status="pending"
            ).pk
        url = path.format(
            slug=objects["network"] if path.startswith("/networks") else "org-a",
            body_slug=objects["group"],
            plan_id=objects["plan"],
            activity_id=objects["activity"],
            commitment_id=objects["commitment"],
            scorecard_id=objects["scorecard"],
            document_id=objects["document"],
            item_id=objects["item"],
            membership_id=objects["network_membership"],
            seat_id=objects["seat"],
            request_id=objects["pending_sharing"],
            practice_id=objects["practice"],
            publication_id=objects["publication"],
            event_id=objects["event"],
            report_id=objects["report"],
        )
        api = api_as(persona)
        if method == "get":
            response = api.get(url)
        else:
            response = getattr(api, method)(url, _body(method, path, objects))
        expected = EXPECTED[(method, path)][persona]
        assert response.status_code == expected, (
            f"{persona} {method.upper()} {url}: {response.status_code} {response.content[:200]}"
        )
        if expected >= 400:
            error = response.json()["error"]
            assert set(error) == {"code", "message", "fields"}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "patch"])
def test_read_only_tokens_cannot_write(api_as, personas, method):
    from equalocal.api.services import api_token_create

    _token, raw = api_token_create(user=personas.user("editor"), name="läsare")
    api = api_as("editor", raw=raw)
    objects = personas.objects
    path = PLAN if method == "patch" else PLAN + "/goals"
    url = path.format(slug="org-a", plan_id=objects["plan"])
    response = getattr(api, method)(url, _body(method, path, objects))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.django_db
def test_read_only_token_of_an_outsider_still_gets_404(api_as, personas):
    from equalocal.api.services import api_token_create

    _token, raw = api_token_create(user=personas.user("outsider"), name="läsare")
    url = PLAN.format(slug="org-a", plan_id=personas.objects["plan"])
    response = api_as("outsider", raw=raw).patch(url, {"lock_version": 1})
    assert response.status_code == 404
