"""Search over everything, My work, the first-run checklist and the digest settings."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from equalocal.accounts.models import DigestFrequency, NotificationSettings
from equalocal.plans.models import Activity, PlanStatus
from equalocal.plans.reminders import reminders_send_due
from equalocal.workspace.selectors import first_run_checklist
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def search(client, query):
    return client.get(reverse("workspace:search"), {"q": query}).content.decode()


def found(html):
    """The result groups of a search page (the query itself is echoed above them)."""
    return html.split("</form>", 1)[1].split("</p>", 1)[1] if "</form>" in html else ""


def test_heltid_som_norm_finds_the_activity_of_that_name(client, personas):
    """Seen: the search box did not find the activity "Heltid som norm"."""
    plan = personas.org_a.plans.get(title="Handlingsplan")
    ActivityFactory(plan=plan, title="Heltid som norm")
    client.force_login(personas.user("viewer"))
    html = search(client, "Heltid som norm")
    assert 'id="group-activities"' in html and "Heltid som norm" in html


def test_results_are_grouped_by_type(client, personas):
    client.force_login(personas.user("viewer"))
    html = search(client, "Org A")
    assert 'id="group-organisations"' in html
    html = search(client, "Handlingsplan")
    assert 'id="group-plans"' in html
    html = search(client, "Andel chefer")
    assert 'id="group-indicators"' in html
    html = search(client, "Jämställdhetsgruppen")
    assert 'id="group-meetings"' in html


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "peer"])
def test_search_reaches_nothing_another_organisation_keeps_private(client, personas, persona):
    plan = personas.org_a.plans.get(title="Handlingsplan")
    ActivityFactory(plan=plan, title="Hemlig aktivitet")
    user = personas.user(persona)
    if user:
        sign_in(client, user)
    assert "Hemlig aktivitet" not in found(search(client, "Hemlig aktivitet"))
    assert "Handlingsplan" not in found(search(client, "Handlingsplan"))
    assert "Andel chefer" not in found(search(client, "Andel chefer"))
    # A published plan is found by everyone.
    plan.is_published = True
    plan.save()
    assert "Hemlig aktivitet" in found(search(client, "Hemlig aktivitet"))


def test_search_with_bad_input_answers(client, personas):
    for query in ["", "x", "%", "' OR 1=1 --", "a" * 500, "<script>alert(1)</script>"]:
        response = client.get(reverse("workspace:search"), {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_runs_a_bounded_number_of_queries(client, personas, django_assert_max_num_queries):
    plan = personas.org_a.plans.get(title="Handlingsplan")
    Activity.objects.bulk_create(
        Activity(plan=plan, title=f"Aktivitet {n}", order=n + 10) for n in range(200)
    )
    client.force_login(personas.user("viewer"))
    with django_assert_max_num_queries(30):
        html = search(client, "Aktivitet")
    assert html.count("Aktivitet ") >= 10


def test_my_work_lists_my_activities_overdue_first_and_what_waits(client, personas):
    user = personas.user("editor")
    me = PersonFactory(organisation=personas.org_a, name="Eva Editor", user=user)
    plan = personas.org_a.plans.get(title="Handlingsplan")
    today = timezone.localdate()
    ActivityFactory(
        plan=plan, title="Later one", responsible_person=me, end_date=today + timedelta(days=90)
    )
    ActivityFactory(
        plan=plan, title="Late one", responsible_person=me, end_date=today - timedelta(days=5)
    )
    ActivityFactory(
        plan=plan,
        title="Review soon",
        responsible_person=me,
        end_date=today + timedelta(days=200),
        next_review_on=today + timedelta(days=3),
    )
    ActivityFactory(plan=plan, title="Someone else's", end_date=today - timedelta(days=5))
    sign_in(client, user)
    html = client.get(reverse("workspace:my-work")).content.decode()
    section = html.split('id="activities-heading"')[1].split("</section>")[0]
    assert section.index("Late one") < section.index("Later one")
    assert "Someone else" not in html
    assert "Review soon" in html.split('id="reviews-heading"')[1]
    # The documents of org A waiting for review (the personas' document is processed).
    assert 'id="deadlines-heading"' in html and "Org A kommun" in html


def test_the_e_mail_language_choice_is_named_in_swedish(client, personas):
    sign_in(client, personas.user("editor"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get(reverse("workspace:my-work")).content.decode()
    assert '<option value="" selected>Mitt kontos språk</option>' in html
    assert "Select an option" not in html


def test_notification_settings_change_the_digest(client, personas):
    user = personas.user("editor")
    me = PersonFactory(organisation=personas.org_a, email="eva@org-a.example", user=user)
    plan = personas.org_a.plans.get(title="Handlingsplan")
    plan.status = PlanStatus.ADOPTED
    plan.adopted_on = date(2025, 2, 1)
    plan.save()
    ActivityFactory(plan=plan, title="Late one", responsible_person=me, end_date=date(2025, 3, 1))
    sign_in(client, user)
    response = client.post(
        reverse("workspace:notifications"), {"digest": DigestFrequency.OFF, "language": "sv"}
    )
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=user).digest == "off"
    assert reminders_send_due(today=date(2026, 12, 7)).digests == 0
    NotificationSettings.objects.filter(user=user).update(digest=DigestFrequency.WEEKLY)
    assert reminders_send_due(today=date(2026, 12, 8)).digests == 0  # a Tuesday
    assert reminders_send_due(today=date(2026, 12, 7)).digests == 1  # a Monday
    assert mail.outbox[-1].to == ["eva@org-a.example"]
    assert NotificationSettings.objects.get(user=user).language == "sv"
    bad = client.post(reverse("workspace:notifications"), {"digest": "hourly"})
    assert bad.status_code == 200 and "hourly" in bad.content.decode()


def test_the_checklist_ticks_itself_from_the_data():
    organisation = OrganisationFactory()
    keys = lambda: {i.key for i in first_run_checklist(organisation, today=date.today()) if i.done}  # noqa: E731
    assert keys() == set()
    CommitmentFactory(organisation=organisation, status="decided", decided_on=date(2026, 1, 1))
    assert keys() == {"decision"}
    plan = ActionPlanFactory(organisation=organisation, kind="charter")
    ActivityFactory(plan=plan)
    plan.priorities.set(plan.commitment.charter.articles.all()[:1] if plan.commitment else [])
    MembershipFactory(organisation=organisation)
    MembershipFactory(organisation=organisation)
    MeasurementFactory(organisation=organisation)
    assert {"decision", "plan", "activity", "colleagues", "indicators"} <= keys()
    plan.status = PlanStatus.ADOPTED
    plan.save()  # an adopted status without its date is not an adoption, as for the deadline
    assert "adopted" not in keys()
    plan.adopted_on = date(2026, 6, 1)
    plan.save()
    assert "adopted" in keys()


def _links(organisation):
    return {i.key: i.url for i in first_run_checklist(organisation, today=date.today())}


def test_each_first_step_links_to_the_page_where_it_is_done_before_any_plan():
    organisation = OrganisationFactory(slug="ny")
    links = _links(organisation)
    assert links == {
        "decision": "/charter/organisations/ny/commitments/new/",
        "plan": "/organisations/ny/plans/new/",
        "articles": "/organisations/ny/plans/new/#id_priorities",
        # Both need the plan: no link to a form where they cannot be done.
        "activity": "",
        "adopted": "",
        "colleagues": "/organisations/ny/members/#invite",
        "indicators": "/indicators/organisations/ny/import/",
    }


def test_each_first_step_follows_the_commitment_and_the_plan_once_they_exist():
    organisation = OrganisationFactory(slug="ny")
    commitment = CommitmentFactory(organisation=organisation, status="considering")
    links = _links(organisation)
    # The decision is recorded as a step of the commitment, on its step form.
    assert links["decision"] == f"/charter/organisations/ny/commitments/{commitment.pk}/steps/new/"
    assert links["plan"] == "/organisations/ny/plans/new/"
    plan = ActionPlanFactory(organisation=organisation, kind="charter", commitment=commitment)
    links = _links(organisation)
    assert links["plan"] == plan.get_absolute_url()
    assert links["articles"] == f"/organisations/ny/plans/{plan.pk}/edit/#id_priorities"
    assert links["activity"] == f"/organisations/ny/plans/{plan.pk}/activities/new/"
    assert links["adopted"] == f"/organisations/ny/plans/{plan.pk}/edit/"
    assert links["decision"].endswith(f"/commitments/{commitment.pk}/steps/new/")


def test_every_first_step_link_opens_its_form_for_an_admin(client):
    organisation = OrganisationFactory(slug="ny")
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=organisation, role="admin")
    client.force_login(admin)
    for state in ("empty", "commitment", "plan"):
        if state == "commitment":
            CommitmentFactory(organisation=organisation, status="considering")
        if state == "plan":
            ActionPlanFactory(organisation=organisation, kind="charter")
        for key, url in _links(organisation).items():
            if url:
                response = client.get(url.split("#")[0])
                assert response.status_code == 200, (state, key, url)
        fragment = {
            "articles": 'id="id_priorities"',
            "colleagues": 'id="invite"',
        }
        for key, marker in fragment.items():
            assert marker in client.get(_links(organisation)[key]).content.decode(), key


def test_the_checklist_says_what_waits_for_the_plan_and_who_invites(client):
    organisation = OrganisationFactory(name="Ny kommun", slug="ny")
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=organisation, role="admin")
    client.force_login(admin)
    html = client.get("/").content.decode()
    checklist = html[html.index('id="first-steps"') :]
    # Before a plan exists, only "Create the plan" and "Choose priorities" lead to the new plan.
    assert checklist.count('href="/organisations/ny/plans/new/') == 2
    assert checklist.count("Once the plan is created.") == 2
    assert "Add an activity</a>" not in checklist
    assert 'href="/organisations/ny/members/#invite"' in checklist
    # Alone in the organisation, an editor may not invite: the step says who does it
    # instead of linking to a page without the form.
    organisation.memberships.update(role="editor")
    client.force_login(admin)
    checklist = client.get("/").content.decode()
    checklist = checklist[checklist.index('id="first-steps"') :]
    assert "/organisations/ny/members/#invite" not in checklist
    assert "An admin of your organisation does this." in checklist
    assert 'href="/charter/organisations/ny/commitments/new/"' in checklist


def test_the_checklist_is_for_members_and_gives_editors_the_buttons(client, personas):
    neworg = OrganisationFactory(name="Ny kommun", slug="ny")
    editor = UserFactory()
    viewer = UserFactory()
    MembershipFactory(user=editor, organisation=neworg, role="editor")
    MembershipFactory(user=viewer, organisation=neworg, role="viewer")
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert "First steps for Ny kommun" in html and "Record the commitment" in html
    client.force_login(viewer)
    html = client.get("/").content.decode()
    assert "First steps for Ny kommun" in html and "Record the commitment" not in html
    client.logout()
    assert "First steps" not in client.get("/").content.decode()
