"""Charter commitments: the access helper, the services and the pages, by persona."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from equalocal.charters import selectors, services
from equalocal.charters.models import CharterText, Commitment, CommitmentStatus, CommitmentStep
from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.plans.models import PlanKind, PlanStatus
from tests.factories import ActionPlanFactory, CommitmentFactory, OrganisationFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "viewer", "editor", "admin", "outsider", "staff"]
MEMBERS = {
    "anonymous": 302,
    "viewer": 200,
    "editor": 200,
    "admin": 200,
    "outsider": 404,
    "staff": 200,
}
EDITORS = {**MEMBERS, "viewer": 403}
# url name: (needs the commitment id, expected status per persona for GET)
PAGES = {
    "charters:commitments": (False, MEMBERS),
    "charters:commitment-create": (False, EDITORS),
    "charters:commitment": (True, MEMBERS),
    "charters:commitment-edit": (True, EDITORS),
    "charters:commitment-step": (True, EDITORS),
}
# Measured: 12 (session, user, memberships, commitment, steps, plans ×4, progress, history ×2).
DETAIL_MAX_QUERIES = 14  # one of them finds the network for the main navigation


def today():
    return timezone.localdate()


def text(code):
    return CharterText.objects.get(code=code)


def url(name, personas, **kwargs):
    kwargs.setdefault("org", personas.objects["org"])
    return reverse(name, kwargs=kwargs)


def commitment_url(name, personas, commitment=None):
    pk = commitment.pk if commitment else personas.objects["commitment"]
    return url(name, personas, commitment=pk)


def signed_in(client, personas, name):
    user = personas.user(name)
    if user is not None:
        sign_in(client, user)
    return client


def org_a_commitment(personas):
    return Commitment.objects.get(pk=personas.objects["commitment"])


def page_text(response):
    return " ".join(response.content.decode().split())


def step_post(**overrides):
    data = {
        "status": CommitmentStatus.RECOMMENDED,
        "date": "2024-10-01",
        "deciding_body": "Kommunstyrelsens arbetsutskott",
        "paragraph": "§ 62",
        "case_number": "KS 2024/108",
        "note": "Kommunstyrelsen undertecknar den europeiska deklarationen.",
        "source_url": "https://www.ragunda.se/protokoll.pdf",
    }
    data.update(overrides)
    return data


def commitment_post(commitment=None, **overrides):
    data = {
        "charter": commitment.charter_id if commitment else text("2022").pk,
        "status": commitment.status if commitment else CommitmentStatus.DECIDED,
        "decided_on": (
            commitment.decided_on.isoformat() if commitment and commitment.decided_on else ""
        ),
        "signed_on": "",
        "signed_by": "",
        "cemr_informed_on": "",
        "national_association_informed_on": "",
        "adopted_2022_articles_on": "",
        "note": "",
        "lock_version": commitment.lock_version if commitment else "",
    }
    data.update(overrides)
    return data


# Access by persona ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_answer_each_persona_as_expected(client, personas, name, persona):
    needs_commitment, statuses = PAGES[name]
    address = commitment_url(name, personas) if needs_commitment else url(name, personas)
    response = signed_in(client, personas, persona).get(address)
    assert response.status_code == statuses[persona]


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_posts_below_editor_change_nothing(client, personas, persona):
    signed_in(client, personas, persona)
    commitment = org_a_commitment(personas)
    expected = 403 if persona == "viewer" else 404
    assert (
        client.post(url("charters:commitment-create", personas), commitment_post()).status_code
        == expected
    )
    assert (
        client.post(commitment_url("charters:commitment-step", personas), step_post()).status_code
        == expected
    )
    response = client.post(
        commitment_url("charters:commitment-edit", personas), commitment_post(commitment, note="x")
    )
    assert response.status_code == expected
    assert CommitmentStep.objects.count() == 0
    commitment.refresh_from_db()
    assert commitment.note == ""


def test_a_commitment_is_found_only_under_its_own_organisation(client, personas):
    other = CommitmentFactory(organisation=personas.org_b)
    sign_in(client, personas.user("staff"))
    assert client.get(url("charters:commitment", personas, commitment=other.pk)).status_code == 404
    assert client.get(url("charters:commitment", personas, commitment=987654)).status_code == 404


def test_access_helper_rules(personas):
    pk, slug = personas.objects["commitment"], personas.objects["org"]
    assert selectors.get_commitment_for_user(personas.user("viewer"), slug, pk).pk == pk
    assert (
        selectors.get_commitment_for_user(personas.user("editor"), slug, pk, action="edit").pk == pk
    )
    with pytest.raises(PermissionDenied):
        selectors.get_commitment_for_user(personas.user("viewer"), slug, pk, action="edit")
    with pytest.raises(PermissionDenied):
        selectors.get_commitment_for_user(personas.user("editor"), slug, pk, action="manage")
    with pytest.raises(Http404):
        selectors.get_commitment_for_user(personas.user("outsider"), slug, pk)
    with pytest.raises(ValueError):
        selectors.get_commitment_for_user(personas.user("admin"), slug, pk, action="delete")


# Services ----------------------------------------------------------------------------------------


def test_steps_move_the_status_and_set_the_first_decision_and_signature_dates(personas):
    commitment = org_a_commitment(personas)
    commitment.decided_on = None
    commitment.save()
    services.commitment_add_step(
        commitment=commitment, status="recommended", date=date(2024, 10, 1)
    )
    services.commitment_add_step(commitment=commitment, status="decided", date=date(2024, 11, 4))
    services.commitment_add_step(commitment=commitment, status="decided", date=date(2024, 12, 2))
    services.commitment_add_step(commitment=commitment, status="signed", date=date(2025, 1, 15))
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SIGNED
    assert commitment.decided_on == date(2024, 11, 4)
    assert commitment.signed_on == date(2025, 1, 15)
    assert commitment.plan_deadline == date(2026, 11, 4)


def test_an_earlier_step_added_later_does_not_move_the_status_back(personas):
    commitment = org_a_commitment(personas)
    services.commitment_add_step(commitment=commitment, status="decided", date=date(2025, 3, 1))
    services.commitment_add_step(commitment=commitment, status="recommended", date=date(2025, 2, 1))
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DECIDED


def test_a_step_moves_the_lock_version_so_open_edits_are_warned(personas):
    commitment = org_a_commitment(personas)
    version = commitment.lock_version
    services.commitment_add_step(commitment=commitment, status="signed", date=date(2025, 4, 1))
    stale = Commitment.objects.get(pk=commitment.pk)
    stale.note = "edited on a page opened before the step"
    with pytest.raises(ConcurrentEditError):
        services.commitment_save(commitment=stale, expected_lock_version=version)


@pytest.mark.parametrize(
    ("status", "day", "message"),
    [
        ("signed", date(2025, 2, 1), "cannot be signed before the decision"),
        ("signed_soon", None, "Unknown status"),
        ("decided", None, "Give the date of the step"),
    ],
)
def test_bad_steps_are_refused_and_nothing_is_saved(personas, status, day, message):
    commitment = org_a_commitment(personas)  # decided on 2025-03-01
    with pytest.raises(ApplicationError, match=message):
        services.commitment_add_step(commitment=commitment, status=status, date=day or None)
    commitment.refresh_from_db()
    assert commitment.steps.count() == 0
    assert commitment.signed_on is None
    assert commitment.status == CommitmentStatus.DECIDED


def test_a_step_in_the_future_is_refused(personas):
    with pytest.raises(ApplicationError, match="cannot be in the future"):
        services.commitment_add_step(
            commitment=org_a_commitment(personas), status="signed", date=today() + timedelta(days=1)
        )


def test_a_decision_after_the_signature_is_refused(personas):
    commitment = CommitmentFactory(
        organisation=personas.org_b,
        charter=text("2006"),
        status="signed",
        signed_on=date(2010, 5, 1),
    )
    with pytest.raises(ApplicationError, match="cannot come after the signature"):
        services.commitment_add_step(commitment=commitment, status="decided", date=date(2010, 6, 1))


def test_a_second_commitment_to_the_same_text_names_the_text(personas):
    duplicate = Commitment(organisation=personas.org_a, charter=text("2022"))
    with pytest.raises(ValidationError) as raised:
        services.commitment_save(commitment=duplicate)
    assert "already has a commitment to the 2022 text" in str(raised.value.message_dict["charter"])


# Deadline --------------------------------------------------------------------------------------------


def test_deadline_counts_from_the_decision_else_the_signature():
    commitment = Commitment(decided_on=date(2024, 2, 29), signed_on=date(2024, 5, 1))
    assert commitment.plan_deadline == date(2026, 2, 28)
    assert Commitment(signed_on=date(2024, 5, 1)).plan_deadline == date(2026, 5, 1)
    assert Commitment().plan_deadline is None


def test_list_shows_each_commitment_with_its_deadline(client, personas):
    commitment = org_a_commitment(personas)
    commitment.decided_on = today() - timedelta(days=400)
    commitment.save()
    days_left = (commitment.plan_deadline - today()).days
    client.force_login(personas.user("viewer"))
    response = client.get(url("charters:commitments", personas))
    html = page_text(response)
    assert "Charter 2022" in html and "2022 text" not in html  # the dashboard's name
    assert "Decided" in html
    assert f"Action plan due in {days_left} days" in html
    assert "Record a commitment" not in html  # viewers read only


def test_detail_counts_down_to_the_deadline(client, personas):
    commitment = org_a_commitment(personas)
    commitment.decided_on = today() - timedelta(days=700)
    commitment.save()
    client.force_login(personas.user("viewer"))
    html = page_text(client.get(commitment_url("charters:commitment", personas)))
    days_left = (commitment.plan_deadline - today()).days
    assert f"Action plan due in {days_left} days" in html


def test_detail_says_overdue_by_n_days(client, personas):
    commitment = org_a_commitment(personas)
    commitment.decided_on = today() - timedelta(days=800)
    commitment.save()
    client.force_login(personas.user("viewer"))
    html = page_text(client.get(commitment_url("charters:commitment", personas)))
    overdue = (today() - commitment.plan_deadline).days
    assert f"Action plan overdue by {overdue} days" in html
    assert 'class="badge danger">Overdue' in html


def test_detail_shows_the_adoption_of_the_first_live_charter_plan(client, personas):
    commitment = org_a_commitment(personas)  # deadline 2027-03-01
    ActionPlanFactory(
        organisation=personas.org_a,
        title="Plan 2026",
        kind=PlanKind.CHARTER,
        status=PlanStatus.ADOPTED,
        adopted_on=date(2026, 2, 10),
    )
    ActionPlanFactory(
        organisation=personas.org_a,
        title="Deleted plan",
        kind=PlanKind.CHARTER,
        status=PlanStatus.ADOPTED,
        adopted_on=date(2025, 6, 1),
        deleted_at=timezone.now(),
    )
    ActionPlanFactory(
        organisation=personas.org_a,
        title="Operational",
        kind=PlanKind.OPERATIONAL,
        status=PlanStatus.ADOPTED,
        adopted_on=date(2025, 5, 1),
    )
    client.force_login(personas.user("viewer"))
    html = page_text(client.get(commitment_url("charters:commitment", personas, commitment)))
    assert "Action plan adopted on 10 February 2026" in html
    assert "within the deadline" in html


def test_recommended_commitment_shows_the_provisional_deadline(client, personas):
    commitment = CommitmentFactory(organisation=personas.org_a, charter=text("2006"))
    recommended_on = today() - timedelta(days=30)
    services.commitment_add_step(commitment=commitment, status="recommended", date=recommended_on)
    client.force_login(personas.user("viewer"))
    html = page_text(client.get(commitment_url("charters:commitment", personas, commitment)))
    days_left = (commitment.provisional_plan_deadline - today()).days
    assert "Provisional" in html
    assert f"in {days_left} days" in html
    assert "The checklist applies once the decision to sign is taken" in html


def test_without_dates_the_page_says_no_deadline_can_be_computed(client, personas):
    commitment = CommitmentFactory(
        organisation=personas.org_a, charter=text("2006"), status=CommitmentStatus.SIGNED
    )
    client.force_login(personas.user("viewer"))
    html = page_text(client.get(commitment_url("charters:commitment", personas, commitment)))
    assert "No deadline can be computed until a decision or signature date is recorded." in html


# Detail page ---------------------------------------------------------------------------------------


def test_detail_shows_the_steps_as_a_timeline_the_checklist_and_the_history(client, personas):
    commitment = org_a_commitment(personas)
    commitment.decided_on = None
    commitment.save()
    client.force_login(personas.user("editor"))
    client.post(commitment_url("charters:commitment-step", personas), step_post())
    client.post(
        commitment_url("charters:commitment-step", personas),
        step_post(
            status="decided",
            date="2024-11-04",
            deciding_body="Kommunfullmäktige",
            paragraph="§ 120",
            case_number="KS 2024/108",
            note="",
            source_url="",
        ),
    )
    commitment.refresh_from_db()
    commitment.signed_by = "Kommunstyrelsens ordförande"
    commitment.cemr_informed_on = date(2024, 12, 1)
    commitment.save()
    client.force_login(personas.user("viewer"))
    response = client.get(commitment_url("charters:commitment", personas))
    html = page_text(response)
    steps = html[html.index('id="steps"') :]
    assert steps.index("Kommunstyrelsens arbetsutskott") < steps.index("Kommunfullmäktige")
    for expected in [
        "§ 62",
        "KS 2024/108",
        "Kommunstyrelsen undertecknar",
        "https://www.ragunda.se/protokoll.pdf",
        "§ 120",
    ]:
        assert expected in steps
    assert 'datetime="2024-10-01"' in html
    assert "Kommunstyrelsens ordförande" in html
    assert "Plan adopted within two years" in html
    assert "CEMR informed" in html
    history = html[html.index('id="history-heading"') :]
    assert "commitment step" in history
    assert "by " + str(personas.user("editor")) in history
    assert "Adopted the 2022 articles" not in html  # a 2022 commitment has nothing to adopt


def test_detail_uses_a_bounded_number_of_queries(client, personas, django_assert_max_num_queries):
    commitment = org_a_commitment(personas)
    for day in range(10):
        services.commitment_add_step(
            commitment=commitment, status="decided", date=date(2025, 3, 1 + day)
        )
    client.force_login(personas.user("viewer"))
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        assert client.get(commitment_url("charters:commitment", personas)).status_code == 200


def test_detail_in_swedish_uses_swedish_dates(client, personas):
    client.force_login(personas.user("viewer"))
    response = client.get(
        commitment_url("charters:commitment", personas), HTTP_ACCEPT_LANGUAGE="sv"
    )
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert "1 mars 2025" in html  # the decision date


# Create -----------------------------------------------------------------------------------------------


def test_editor_records_a_commitment(client, personas):
    client.force_login(personas.user("editor"))
    response = client.post(
        url("charters:commitment-create", personas),
        commitment_post(
            charter=text("2006").pk,
            status="signed",
            decided_on="2008-05-12",
            signed_on="2008-06-03",
            signed_by="Kommunstyrelsens ordförande",
        ),
    )
    commitment = Commitment.objects.get(organisation=personas.org_a, charter__code="2006")
    assert response.status_code == 302
    assert response.url == commitment.get_absolute_url()
    assert commitment.status == CommitmentStatus.SIGNED
    assert commitment.signed_by == "Kommunstyrelsens ordförande"
    assert commitment.history.get().history_user == personas.user("editor")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"decided_on": "2024-05-01", "signed_on": "2024-04-01"},
            "cannot be signed before the decision to sign it",
        ),
        ({"status": "maybe"}, "“maybe” is not a status we know"),
        ({"signed_on": "2024-13-45"}, "Enter the date as YYYY-MM-DD"),
        (
            {"charter": None, "adopted_2022_articles_on": "2023-01-01"},
            "Only signatories of the 2006 text",
        ),
        ({"charter": "same"}, "already has a commitment to the 2022 text"),
    ],
)
def test_bad_commitments_get_a_specific_message_and_nothing_is_saved(
    client, personas, overrides, message
):
    client.force_login(personas.user("editor"))
    charter = text("2006").pk
    if overrides.get("charter") is None:
        overrides = {
            **overrides,
            "charter": text("2022").pk if "adopted_2022_articles_on" in overrides else charter,
        }
    elif overrides["charter"] == "same":
        overrides = {**overrides, "charter": text("2022").pk}
    before = Commitment.objects.count()
    response = client.post(
        url("charters:commitment-create", personas), commitment_post(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Commitment.objects.count() == before


# Edit and concurrency --------------------------------------------------------------------------------


def test_edit_form_carries_the_lock_version(client, personas):
    commitment = org_a_commitment(personas)
    client.force_login(personas.user("editor"))
    html = client.get(commitment_url("charters:commitment-edit", personas)).content.decode()
    assert f'name="lock_version" value="{commitment.lock_version}"' in html


def test_editor_changes_a_commitment(client, personas):
    commitment = org_a_commitment(personas)
    client.force_login(personas.user("editor"))
    response = client.post(
        commitment_url("charters:commitment-edit", personas),
        commitment_post(commitment, cemr_informed_on="2025-04-02", note="Brev till CEMR"),
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.cemr_informed_on == date(2025, 4, 2)
    assert commitment.lock_version == 2


def test_an_edit_without_the_lock_version_is_refused(client, personas):
    commitment = org_a_commitment(personas)
    client.force_login(personas.user("editor"))
    response = client.post(
        commitment_url("charters:commitment-edit", personas),
        commitment_post(commitment, note="Changed", lock_version=""),
    )
    assert response.status_code == 200
    assert "This form is out of date" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.note == ""


def test_second_of_two_concurrent_edits_is_refused_and_shows_the_other_change(client, personas):
    commitment = org_a_commitment(personas)
    opened = commitment_post(commitment)
    client.force_login(personas.user("admin"))
    first = client.post(
        commitment_url("charters:commitment-edit", personas),
        {**opened, "signed_by": "Anna Andersson"},
    )
    assert first.status_code == 302

    client.force_login(personas.user("editor"))
    second = client.post(
        commitment_url("charters:commitment-edit", personas),
        {**opened, "signed_by": "Bertil Berg", "note": "Mine"},
    )
    html = second.content.decode()
    assert second.status_code == 200
    assert "Someone else saved this in the meantime" in html
    conflict = html[
        html.index('id="conflict"') : html.index("</section>", html.index('id="conflict"'))
    ]
    assert "Anna Andersson" in conflict and "Bertil Berg" in conflict
    assert str(personas.user("admin")) in conflict
    commitment.refresh_from_db()
    assert commitment.signed_by == "Anna Andersson"
    assert commitment.note == ""
    # The form now holds the saved version, so saving again is a deliberate overwrite.
    assert f'name="lock_version" value="{commitment.lock_version}"' in html
    assert 'value="Bertil Berg"' in html
    third = client.post(
        commitment_url("charters:commitment-edit", personas),
        {
            **opened,
            "signed_by": "Bertil Berg",
            "note": "Mine",
            "lock_version": commitment.lock_version,
        },
    )
    assert third.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.signed_by, commitment.note) == ("Bertil Berg", "Mine")


# Steps through the page --------------------------------------------------------------------------------


def test_editor_records_a_step_and_the_status_follows(client, personas):
    client.force_login(personas.user("editor"))
    response = client.post(
        commitment_url("charters:commitment-step", personas),
        step_post(status="signed", date="2025-04-01"),
    )
    commitment = org_a_commitment(personas)
    assert response.status_code == 302
    assert commitment.status == CommitmentStatus.SIGNED
    assert commitment.signed_on == date(2025, 4, 1)
    step = commitment.steps.get()
    assert (step.deciding_body, step.paragraph, step.case_number) == (
        "Kommunstyrelsens arbetsutskott",
        "§ 62",
        "KS 2024/108",
    )
    assert step.history.get().history_user == personas.user("editor")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"status": "signed", "date": "2025-02-01"},
            "The Charter cannot be signed before the decision to sign it",
        ),
        ({"status": "approved"}, "“approved” is not a status we know"),
        ({"date": ""}, "Give the date of the step."),
        ({"status": ""}, "Choose the status this step leads to."),
        ({"source_url": "ragunda se/protokoll"}, "Enter a web address, for example"),
    ],
)
def test_bad_steps_through_the_page_get_a_specific_message(client, personas, overrides, message):
    client.force_login(personas.user("editor"))
    response = client.post(
        commitment_url("charters:commitment-step", personas), step_post(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    commitment = org_a_commitment(personas)
    assert commitment.steps.count() == 0
    assert commitment.status == CommitmentStatus.DECIDED


def test_step_form_works_for_staff_of_another_organisation_too(client, personas):
    other = CommitmentFactory(organisation=OrganisationFactory(slug="org-d"))
    sign_in(client, personas.user("staff"))
    response = client.post(
        reverse("charters:commitment-step", kwargs={"org": "org-d", "commitment": other.pk}),
        step_post(),
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == CommitmentStatus.RECOMMENDED


def test_a_missed_earlier_decision_does_not_move_a_signed_commitment_back(personas):
    """Recording the missing 2023 decision on a signed commitment kept it "Decided"."""
    commitment = org_a_commitment(personas)
    services.commitment_add_step(commitment=commitment, status="signed", date=date(2025, 4, 1))
    assert commitment.status == CommitmentStatus.SIGNED
    services.commitment_add_step(commitment=commitment, status="decided", date=date(2023, 5, 1))
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SIGNED


def test_a_signature_recorded_without_steps_is_kept_when_an_older_step_is_added(personas):
    commitment = org_a_commitment(personas)
    Commitment.objects.filter(pk=commitment.pk).update(status=CommitmentStatus.SIGNED)
    commitment.refresh_from_db()
    services.commitment_add_step(
        commitment=commitment, status="recommended", date=date(2022, 1, 10)
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SIGNED


def test_a_withdrawal_ends_it_and_a_later_decision_starts_again(personas):
    commitment = org_a_commitment(personas)
    services.commitment_add_step(commitment=commitment, status="signed", date=date(2025, 4, 1))
    services.commitment_add_step(commitment=commitment, status="withdrawn", date=date(2025, 9, 1))
    assert commitment.status == CommitmentStatus.WITHDRAWN
    services.commitment_add_step(commitment=commitment, status="decided", date=date(2025, 8, 1))
    assert commitment.status == CommitmentStatus.WITHDRAWN
    services.commitment_add_step(commitment=commitment, status="decided", date=date(2025, 10, 1))
    assert commitment.status == CommitmentStatus.DECIDED


def test_the_public_charter_page_has_one_note_instead_of_badges(client, personas):
    html = client.get(reverse("charters:text", kwargs={"charter": "2022"})).content.decode()
    assert "unverified" not in html
    assert html.count("working translations") == 1
    sign_in(client, personas.user("staff"))
    html = client.get(reverse("charters:text", kwargs={"charter": "2022"})).content.decode()
    assert "title unverified" in html and "number unverified unverified" not in html
