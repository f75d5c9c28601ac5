"""An organisation's reports through the API, by persona.

The personas' report is a generated draft of org A: internal to its members. A report is
public only when it is marked public, sent, and org A's publishing settings make its reports
public, the rule of the public profile.
"""

import pytest
from django.utils import timezone

from equalocal.api.services import api_token_create, api_token_revoke
from equalocal.reports.models import ReportComment
from tests.factories import PublishingFactory, ReportFactory
from tests.personas import PERSONAS

MEMBERS = {"viewer", "editor", "admin", "staff"}
OUTSIDERS = {"anonymous", "outsider", "peer"}
assert set(PERSONAS) == MEMBERS | OUTSIDERS

LIST = "/organisations/org-a/reports"


def _published(organisation, **fields):
    return ReportFactory(
        organisation=organisation, public=True, status="sent", sent_at=timezone.now(), **fields
    )


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_report_exists_only_for_members(api_as, personas, persona):
    report = personas.objects["report"]
    response = api_as(persona).get(f"{LIST}/{report}")
    listed = _ids(api_as(persona).get(LIST))
    if persona in MEMBERS:
        assert response.status_code == 200
        assert response.json()["status"] == "draft"
        assert listed == [report]
    else:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert listed == []


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("publishes", "public", "sent", "visible"),
    [
        (True, True, True, True),
        (False, True, True, False),  # the organisation keeps its reports private
        (True, False, True, False),  # not marked public
        (True, True, False, False),  # a public draft is still private
    ],
)
def test_a_report_is_public_only_under_the_profiles_rule(
    api_as, personas, persona, publishes, public, sent, visible
):
    PublishingFactory(organisation=personas.org_a, reports=publishes)
    report = ReportFactory(
        organisation=personas.org_a,
        public=public,
        status="sent" if sent else "draft",
        sent_at=timezone.now() if sent else None,
    )
    response = api_as(persona).get(f"{LIST}/{report.pk}")
    listed = _ids(api_as(persona).get(LIST))
    if persona in MEMBERS or visible:
        assert response.status_code == 200
        assert report.pk in listed
    else:
        assert response.status_code == 404
        assert report.pk not in listed


@pytest.mark.django_db
def test_members_see_versions_and_comments_others_do_not(api_as, personas):
    PublishingFactory(organisation=personas.org_a, reports=True)
    first = _published(personas.org_a, title="Uppföljning 2025")
    second = _published(personas.org_a, title="Uppföljning 2025", previous_version=first)
    second.version = 2
    second.save(update_fields=["version"])
    ReportComment.objects.create(report=second, author=personas.user("editor"), text="Bra!")
    member = api_as("viewer").get(f"{LIST}/{second.pk}").json()
    assert [v["id"] for v in member["versions"]] == [second.pk, first.pk]
    assert member["previous_version"] == first.pk
    assert [c["text"] for c in member["comments"]] == ["Bra!"]
    public = api_as("outsider").get(f"{LIST}/{second.pk}").json()
    assert public["versions"] == []
    assert public["comments"] == []
    assert public["previous_version"] is None


@pytest.mark.django_db
def test_files_link_to_the_pages_download_views_with_the_same_rule(api_as, personas, client):
    PublishingFactory(organisation=personas.org_a, reports=True)
    report = _published(personas.org_a)
    files = api_as("anonymous").get(f"{LIST}/{report.pk}").json()["files"]
    base = f"http://testserver/organisations/org-a/reports/{report.pk}"
    assert files == {
        "pdf": f"{base}/report.pdf",
        "docx": f"{base}/report.docx",
        "snapshot": f"{base}/snapshot.json",
    }
    assert client.get(files["pdf"].removeprefix("http://testserver")).status_code == 200
    # The draft's link exists for members; followed anonymously it is 404, like the API.
    draft = personas.objects["report"]
    pdf = api_as("viewer").get(f"{LIST}/{draft}").json()["files"]["pdf"]
    assert client.get(pdf.removeprefix("http://testserver")).status_code == 404


@pytest.mark.django_db
def test_a_report_still_generating_has_no_files_yet(api_as, personas):
    report = ReportFactory(organisation=personas.org_a, state="running", progress_total=4)
    report.progress_current = 1
    report.save(update_fields=["progress_current"])
    body = api_as("editor").get(f"{LIST}/{report.pk}").json()
    assert body["files"] is None
    assert (body["state"], body["progress"]) == ("running", 25)


@pytest.mark.django_db
def test_reports_filter_and_page_by_cursor(api_as, personas):
    summaries = ReportFactory.create_batch(
        3, organisation=personas.org_a, kind="signatory_summary", language="en"
    )
    api = api_as("viewer")
    assert set(_ids(api.get(LIST, kind="signatory_summary"))) == {r.pk for r in summaries}
    assert _ids(api.get(LIST, language="sv")) == [personas.objects["report"]]
    first = api.get(LIST, limit=2).json()
    rest = api.get(LIST, limit=2, cursor=first["next_cursor"]).json()
    ids = [item["id"] for item in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 4
    assert rest["next_cursor"] is None
    assert api.get(LIST, status="sent").json()["items"] == []


@pytest.mark.django_db
def test_a_revoked_token_gets_401(api_as, personas):
    token, raw = api_token_create(user=personas.user("viewer"), name="gammal")
    api_token_revoke(token=token)
    response = api_as("viewer", raw=raw).get(LIST)
    assert response.status_code == 401


@pytest.mark.django_db
def test_an_unknown_organisation_is_404(api_as, personas):
    assert api_as("viewer").get("/organisations/nowhere/reports").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["viewer", "anonymous"])
def test_list_queries_do_not_grow_with_rows(
    api_as, personas, django_assert_max_num_queries, persona
):
    PublishingFactory(organisation=personas.org_a, reports=True)
    api = api_as(persona)
    api.get(LIST)  # warm what a first request fills
    counts, made = [], 0
    for total in (2, 20):
        for _number in range(total - made):
            _published(personas.org_a)
        made = total
        with django_assert_max_num_queries(10) as captured:
            response = api.get(LIST, limit=200)
        assert len(response.json()["items"]) >= total
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
