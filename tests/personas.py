"""The personas every permission test uses.

Org A has an admin, an editor and a viewer; org B (another organisation)
has its own admin, the outsider. ``peer`` is the admin of org C, which is a member
of the same network N as org A: it sees N's pages but none of org A's private data
beyond what org A shares with N. ``anonymous`` is not signed in; ``staff`` manages
reference data. ``objects`` holds one object of each kind owned by org A, so URL
patterns can be filled in.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from equalocal.charters.models import CharterText, CommitmentStatus
from equalocal.organisations.models import NetworkSharing, Role

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    BodyFactory,
    CommitmentFactory,
    FigureProposalFactory,
    GoalFactory,
    GoalSetFactory,
    IndicatorFactory,
    InvitationFactory,
    MeasurementFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkSharingFactory,
    OrganisationFactory,
    PersonFactory,
    ReferenceGoalFactory,
    ScorecardFactory,
    ScorecardItemFactory,
    SeatFactory,
    UserFactory,
)

PERSONAS = ["anonymous", "viewer", "editor", "admin", "outsider", "peer", "staff"]


@dataclass
class Personas:
    org_a: object
    org_b: object
    users: dict
    org_c: object = None
    objects: dict = field(default_factory=dict)

    def user(self, name):
        return self.users.get(name)


def build_personas() -> Personas:
    org_a = OrganisationFactory(name="Org A kommun", slug="org-a")
    org_b = OrganisationFactory(name="Org B kommun", slug="org-b")
    users = {"anonymous": None}
    for name, role in [("admin", Role.ADMIN), ("editor", Role.EDITOR), ("viewer", Role.VIEWER)]:
        users[name] = UserFactory(email=f"{name}@org-a.example")
        MembershipFactory(user=users[name], organisation=org_a, role=role)
    users["outsider"] = UserFactory(email="admin@org-b.example")
    MembershipFactory(user=users["outsider"], organisation=org_b, role=Role.ADMIN)
    org_c = OrganisationFactory(name="Org C kommun", slug="org-c")
    users["peer"] = UserFactory(email="admin@org-c.example")
    MembershipFactory(user=users["peer"], organisation=org_c, role=Role.ADMIN)
    users["staff"] = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    personas = Personas(org_a=org_a, org_b=org_b, users=users, org_c=org_c)
    org_a.logo.save("logo.png", ContentFile(tiny_png()))
    personas.objects = {
        "name": org_a.logo.name,
        "org": org_a.slug,
        "person": PersonFactory(organisation=org_a).pk,
        "membership": org_a.memberships.get(user=users["viewer"]).pk,
        "invitation": (invitation := InvitationFactory(organisation=org_a)).pk,
        "invitation_token": invitation.raw_token,
        "charter": "2022",
        "api_token": _viewer_token(users["viewer"]),
    }
    personas.objects.update(_plan_objects(org_a))
    personas.objects.update(_network_objects(org_a, org_c))
    personas.objects.update(_indicator_objects(org_a))
    personas.objects.update(_document_objects(org_a, users["editor"]))
    personas.objects.update(_exchange_objects(org_a, users))
    personas.objects.update(_report_objects(org_a, users["editor"]))
    personas.objects.update(_library_objects(org_a))
    return personas


def tiny_png() -> bytes:
    """A 2 × 2 PNG, as a logo."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "purple").save(buffer, "PNG")
    return buffer.getvalue()


def _exchange_objects(organisation, users) -> dict:
    """A plan import org A's editor previewed, and a member import staff previewed for N."""
    from equalocal.exchange.models import ImportKind
    from equalocal.organisations.models import Organisation

    from .factories import ImportPreviewFactory

    network = Organisation.objects.get(slug="personas-network")
    plan_preview = ImportPreviewFactory(organisation=organisation, by=users["editor"])
    network_preview = ImportPreviewFactory(
        organisation=network, by=users["staff"], kind=ImportKind.MEMBERS, title=""
    )
    return {"preview": plan_preview.pk, "network_preview": network_preview.pk}


def _report_objects(organisation, author) -> dict:
    """A generated draft report of org A, written by its editor."""
    from .factories import ReportFactory

    return {"report": ReportFactory(organisation=organisation, author=author).pk}


def _viewer_token(user) -> int:
    from equalocal.api.services import api_token_create

    return api_token_create(user=user, name="Personas token")[0].pk


def _library_objects(organisation) -> dict:
    """A draft practice of org A with an attachment, an unpublished publication and an
    unpublished event of org A with a registration (cancellation key ``personas-key``)."""
    from equalocal.library.tests.factories import (
        EventFactory,
        PracticeAttachmentFactory,
        PracticeFactory,
        PublicationFactory,
        RegistrationFactory,
    )

    practice = PracticeFactory(owner=organisation, title="Utkast till praktik")
    attachment = PracticeAttachmentFactory(practice=practice, content=tiny_pdf())
    publication = PublicationFactory(owner=organisation, is_published=False)
    event = EventFactory(organiser=organisation, is_published=False)
    RegistrationFactory(event=event, token="personas-key")
    return {
        "practice": practice.pk,
        "attachment": attachment.pk,
        "publication": publication.pk,
        "event": event.pk,
        "key": "personas-key",
    }


def tiny_pdf(text: str = "Protokoll") -> bytes:
    """A one-page PDF (an image of ``text``) made with Pillow, so page images can be rendered."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 200), "white")
    ImageDraw.Draw(image).text((20, 90), text, fill="black")
    buffer = BytesIO()
    image.save(buffer, "PDF", resolution=72)
    return buffer.getvalue()


def _document_objects(organisation, uploader) -> dict:
    """A processed one-page PDF of org A, ready for review: a decision and an activity row."""
    from .factories import DocumentFactory, ExtractedItemFactory, PageFactory, StoredFileFactory

    stored = StoredFileFactory(content=tiny_pdf(), file_type="pdf")
    document = DocumentFactory(
        organisation=organisation,
        stored_file=stored,
        title="Protokoll KS 2024-10-01",
        original_filename="protokoll.pdf",
        uploaded_by=uploader,
    )
    PageFactory(document=document, number=1)
    item = ExtractedItemFactory(document=document, kind="decision")
    ExtractedItemFactory(document=document, kind="action_row", order=1)
    return {"document": document.pk, "item": item.pk, "number": 1}


def _indicator_objects(organisation) -> dict:
    """An indicator of org A with a figure, an unpublished scorecard holding it, and figures
    a network proposed to org A."""
    indicator = IndicatorFactory(code="A-1", title_en="Andel chefer", owner=organisation)
    MeasurementFactory(indicator=indicator, period="2025", gender="women", value=42)
    scorecard = ScorecardFactory(owner=organisation, title="Styrkort")
    ScorecardItemFactory(scorecard=scorecard, indicator=indicator)
    proposal = FigureProposalFactory(
        network=NetworkFactory(name="Föreslående nätverk"),
        organisation=organisation,
        rows=[[indicator.pk, "2024", 2024, "women", "40", None, "", ""]],
    )
    return {"indicator": indicator.pk, "scorecard": scorecard.pk, "proposal": proposal.pk}


def _network_objects(member, peer) -> dict:
    """Network N (coordinated by nobody among the personas) with org A and org C as members
    (each shares the default, its commitment status), a group with org A's seat, a meeting,
    the membership, org A's consent and a request N made to org A that waits for an answer
    (from a second network)."""
    national = NetworkFactory(
        name="Riksförbundet Personas", slug="personas-national", kind="national_association"
    )
    NetworkMembershipFactory(network=national, member=member, joined_on=date(2024, 1, 1))
    network = NetworkFactory(name="Personas nätverk", slug="personas-network")
    membership = NetworkMembershipFactory(
        network=network, member=member, joined_on=date(2024, 1, 1)
    )
    NetworkMembershipFactory(network=network, member=peer, joined_on=date(2024, 1, 1))
    sharing = NetworkSharing.objects.get(network=network, member=member, status="accepted")
    other = NetworkFactory(name="Andra nätverket", slug="other-network")
    request = NetworkSharingFactory(network=other, member=member, status="pending")
    group = BodyFactory(
        network=network, name="Jämställdhetsgruppen", slug="gruppen", is_public=True
    )
    NetworkMembershipFactory(body=group, member=member, joined_on=date(2024, 1, 1))
    seat = SeatFactory(body=group, member=member)
    meeting = MeetingFactory(body=group, date=date(2026, 12, 1))
    return {
        "network": network.slug,
        "national": national.slug,
        "group": group.slug,
        "seat": seat.pk,
        "meeting": meeting.pk,
        "network_membership": membership.pk,
        "sharing": sharing.pk,
        "pending_sharing": request.pk,
    }


def _plan_objects(organisation) -> dict:
    """A commitment, a plan with a goal and an activity, and a deleted plan, all of org A."""
    commitment = CommitmentFactory(
        organisation=organisation,
        charter=CharterText.objects.get(code="2022"),
        status=CommitmentStatus.DECIDED,
        decided_on=date(2025, 3, 1),
    )
    plan = ActionPlanFactory(
        organisation=organisation,
        title="Handlingsplan",
        commitment=commitment,
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
    )
    goal = GoalFactory(plan=plan, title="Mål 1")
    activity = ActivityFactory(goal=goal, title="Aktivitet 1")
    goal_set = GoalSetFactory(code="org-a-goals", title_en="Regionala mål", owner=organisation)
    ReferenceGoalFactory(goal_set=goal_set, number=1, title_en="Utveckla regionen")
    deleted = ActionPlanFactory(
        organisation=organisation, title="Borttagen plan", deleted_at=timezone.now()
    )
    return {
        "commitment": commitment.pk,
        "plan": plan.pk,
        "goal": goal.pk,
        "activity": activity.pk,
        "deleted_plan": deleted.pk,
        "goal_set": goal_set.pk,
    }
