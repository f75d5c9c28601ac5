"""factory_boy factories for the domain models.

Required fields get a value; optional fields keep the model's default (no plan period,
no indicator owner, no joining date…), so a test states what matters to it. Related
objects follow each other: an activity of a goal is in the goal's plan, a seat held
by a person belongs to the person's organisation, a matrix row is a body of the
group's network.
"""

import hashlib
import json
from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from equalocal.accounts.models import Invitation, User
from equalocal.charters.models import CharterText, Commitment, CommitmentStep
from equalocal.exchange.models import ImportKind, ImportPreview
from equalocal.indicators.models import (
    FigureProposal,
    Gender,
    ImportBatch,
    Indicator,
    Measurement,
    Scorecard,
    ScorecardItem,
    Target,
    TargetKind,
)
from equalocal.networks.models import (
    Body,
    MatrixCell,
    Meeting,
    MeetingDecision,
    NetworkMembership,
    NetworkSettings,
    Seat,
)
from equalocal.organisations.models import (
    Membership,
    NetworkSharing,
    Organisation,
    OrganisationKind,
    Person,
    Publishing,
    Role,
    SharingStatus,
)
from equalocal.plans.models import (
    ActionPlan,
    Activity,
    Consultation,
    Goal,
    GoalSet,
    ProgressUpdate,
    ReferenceGoal,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("password-for-tests")


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app: the user signs in with a code after the password."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    country = "SE"
    # Four digits, as a Swedish municipality's code must be, however many organisations one
    # test process makes (the persona walk alone makes about 10,000).
    official_code = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


class PublishingFactory(factory.django.DjangoModelFactory):
    """An organisation's publishing settings, the model's defaults unless given."""

    class Meta:
        model = Publishing
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name")
    title = "Jämställdhetsstrateg"
    email = factory.Sequence(lambda n: f"person{n}@kommun.example")
    phone = "090-16 10 00"
    is_public_contact = False


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose token was just issued: ``raw_token`` and ``link_path()`` work on
    the instance the factory returns, as on the one the service returns."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.EDITOR
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        invitation = model_class(*args, **kwargs)
        invitation.issue_token()
        invitation.save()
        return invitation


class NetworkFactory(OrganisationFactory):
    """A network of local governments: an organisation of kind network, without a code."""

    kind = OrganisationKind.NETWORK
    name = factory.Sequence(lambda n: f"Nätverk {n}")
    slug = factory.Sequence(lambda n: f"natverk-{n}")
    official_code = ""


# Charters --------------------------------------------------------------------------------------


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment to the current Charter text (loaded by a migration), still considered."""

    class Meta:
        model = Commitment

    organisation = factory.SubFactory(OrganisationFactory)
    charter = factory.LazyFunction(lambda: CharterText.objects.get(is_current=True))


class CommitmentStepFactory(factory.django.DjangoModelFactory):
    """A step of today with the commitment's status."""

    class Meta:
        model = CommitmentStep

    commitment = factory.SubFactory(CommitmentFactory)
    status = factory.SelfAttribute("commitment.status")
    date = factory.LazyFunction(timezone.localdate)


# Plans -----------------------------------------------------------------------------------------


class GoalSetFactory(factory.django.DjangoModelFactory):
    """A national goal set; pass ``owner`` for an organisation's own."""

    class Meta:
        model = GoalSet

    code = factory.Sequence(lambda n: f"goal-set-{n}")
    title_en = factory.Sequence(lambda n: f"Målområden {n}")


class ReferenceGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceGoal

    goal_set = factory.SubFactory(GoalSetFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Övergripande mål {n}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    """A draft Charter action plan without a period or a commitment."""

    class Meta:
        model = ActionPlan

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Jämställdhetsplan {n}")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    plan = factory.SubFactory(ActionPlanFactory)
    date = factory.LazyFunction(timezone.localdate)
    consulted = "Kommunfullmäktige"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Målsättning {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """A planned activity; given a ``goal``, it is in the goal's plan."""

    class Meta:
        model = Activity

    goal = None
    plan = factory.Maybe(
        "goal",
        yes_declaration=factory.SelfAttribute("goal.plan"),
        no_declaration=factory.SubFactory(ActionPlanFactory),
    )
    title = factory.Sequence(lambda n: f"Insats {n}")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """Today's update, repeating the activity's status and progress."""

    class Meta:
        model = ProgressUpdate

    activity = factory.SubFactory(ActivityFactory)
    date = factory.LazyFunction(timezone.localdate)
    status = factory.SelfAttribute("activity.status")
    progress = factory.SelfAttribute("activity.progress")


# Networks --------------------------------------------------------------------------------------


class NetworkSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkSettings

    network = factory.SubFactory(NetworkFactory)


class BodyFactory(factory.django.DjangoModelFactory):
    """A public working group of a network."""

    class Meta:
        model = Body

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Arbetsgrupp {n}")
    slug = factory.Sequence(lambda n: f"arbetsgrupp-{n}")


class NetworkSharingFactory(factory.django.DjangoModelFactory):
    """A member's accepted consent to a network, sharing the commitment status only."""

    class Meta:
        model = NetworkSharing

    network = factory.SubFactory(NetworkFactory)
    member = factory.SubFactory(OrganisationFactory)
    status = SharingStatus.ACCEPTED


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    """A membership of a network without dates; given a ``body``, of the body's network.

    As in the product, the member has accepted the network's request: the factory records
    that consent (sharing the commitment status only) unless one exists or ``consent`` is
    False.
    """

    class Meta:
        model = NetworkMembership
        skip_postgeneration_save = True

    body = None
    network = factory.Maybe(
        "body",
        yes_declaration=factory.SelfAttribute("body.network"),
        no_declaration=factory.SubFactory(NetworkFactory),
    )
    member = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        if NetworkSharing.objects.filter(
            network=obj.network, member=obj.member, status=SharingStatus.ACCEPTED
        ).exists():
            return
        current = obj.left_on is None
        NetworkSharingFactory(
            network=obj.network,
            member=obj.member,
            status=SharingStatus.ACCEPTED if current else SharingStatus.ENDED,
        )


class SeatFactory(factory.django.DjangoModelFactory):
    """A vacant member seat; given a ``person``, held by them for their organisation."""

    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    person = None
    member = factory.Maybe(
        "person",
        yes_declaration=factory.SelfAttribute("person.organisation"),
        no_declaration=factory.SubFactory(OrganisationFactory),
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting in a month; pass ``attendees=[seat, …]`` to record who came."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)


class MeetingDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDecision

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Beslut {n}")


class MatrixCellFactory(factory.django.DjangoModelFactory):
    """A group's seat responsible for another body of the same network."""

    class Meta:
        model = MatrixCell

    group = factory.SubFactory(BodyFactory)
    row = factory.SubFactory(
        BodyFactory, network=factory.SelfAttribute("..group.network"), kind="commission"
    )
    seat = factory.SubFactory(SeatFactory, body=factory.SelfAttribute("..group"))


# Indicators ------------------------------------------------------------------------------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A site-wide reference indicator split by gender; pass ``owner`` for an organisation's own."""

    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"EQ-{n:04d}")
    title_en = factory.Sequence(lambda n: f"Indikator {n}")


class ImportBatchFactory(factory.django.DjangoModelFactory):
    """A finished import of figures from a file into a new organisation."""

    class Meta:
        model = ImportBatch

    source = "file"
    file_name = "figures.csv"
    organisation = factory.SubFactory(OrganisationFactory)
    status = ImportBatch.Status.DONE
    rows_read = 2
    rows_created = 2


class MeasurementFactory(factory.django.DjangoModelFactory):
    """The 2024 total of the owner's indicator (or of a new organisation's).

    The value is left empty when a ``status`` says it is missing or confidential.
    """

    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.Maybe(
        "indicator.owner",
        yes_declaration=factory.SelfAttribute("indicator.owner"),
        no_declaration=factory.SubFactory(OrganisationFactory),
    )
    period = "2024"
    year = factory.LazyAttribute(lambda o: int(o.period[:4]))
    gender = Gender.TOTAL
    value = factory.Maybe("status", yes_declaration=None, no_declaration=Decimal(50))


class TargetFactory(factory.django.DjangoModelFactory):
    """A value to reach in 2025 for the owner's indicator (or a new organisation's).

    Other kinds leave the value empty: pass ``parity_points`` or the ratios with ``kind``.
    """

    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.Maybe(
        "indicator.owner",
        yes_declaration=factory.SelfAttribute("indicator.owner"),
        no_declaration=factory.SubFactory(OrganisationFactory),
    )
    year = 2025
    kind = TargetKind.VALUE
    value = factory.LazyAttribute(lambda o: Decimal(50) if o.kind == TargetKind.VALUE else None)


class ScorecardFactory(factory.django.DjangoModelFactory):
    """An unpublished scorecard of an organisation."""

    class Meta:
        model = Scorecard

    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Styrkort nr {n}")


class ScorecardItemFactory(factory.django.DjangoModelFactory):
    """A row of a scorecard: by default an indicator of the scorecard's owner."""

    class Meta:
        model = ScorecardItem

    scorecard = factory.SubFactory(ScorecardFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, owner=factory.SelfAttribute("..scorecard.owner")
    )


# Documents -------------------------------------------------------------------------------------


class StoredFileFactory(factory.django.DjangoModelFactory):
    """A stored plain-text file; pass ``content=b"..."`` for other bytes."""

    class Meta:
        model = "documents.StoredFile"

    class Params:
        content = factory.Sequence(lambda n: f"Document {n}: jämställdhet.\n".encode())

    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.content))
    file_type = "text"
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="upload"))


class DocumentFactory(factory.django.DjangoModelFactory):
    """A processed document, ready for review (``stage="queued"`` for one not yet processed)."""

    class Meta:
        model = "documents.Document"

    organisation = factory.SubFactory(OrganisationFactory)
    stored_file = factory.SubFactory(StoredFileFactory)
    title = factory.Sequence(lambda n: f"Protokoll {n}")
    original_filename = factory.LazyAttribute(lambda o: f"{o.title}.txt")
    stage = "review"
    language = "sv"
    kind = "decision"
    kind_confidence = 0.9
    cemr_related = True
    page_count = 1
    processed_at = factory.LazyFunction(timezone.now)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Page"

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Kommunstyrelsen beslutar att underteckna CEMR-deklarationen om jämställdhet."
    raw_text = factory.SelfAttribute("text")
    source = "text_layer"
    language = "sv"


class ExtractedItemFactory(factory.django.DjangoModelFactory):
    """A pending decision to sign the Charter; use ``kind="action_row"`` with ``data`` for rows."""

    class Meta:
        model = "documents.ExtractedItem"

    document = factory.SubFactory(DocumentFactory)
    kind = "decision"
    order = factory.Sequence(lambda n: n)
    page = 1
    data = factory.LazyAttribute(
        lambda o: (
            {
                "organisation": o.document.organisation.name,
                "organisation_id": o.document.organisation_id,
                "country": "SE",
                "decision_date": "2024-10-01",
                "deciding_body": "Kommunstyrelsen",
                "paragraph": "§ 62",
                "case_number": "KS 2024/108",
                "decision_type": "sign_charter",
                "status": "adopted",
                "evidence": "Kommunstyrelsen beslutar att underteckna CEMR-deklarationen.",
                "confidence": 0.9,
                "signing_date": "unknown",
                "page": 1,
            }
            if o.kind == "decision"
            else {
                "goal": "Jämställd service",
                "activity": "Utbildning i jämställdhetsintegrering",
                "responsible": "HR",
                "timeframe": "januari–april 2025",
                "status": "unknown",
                "charter_article": "unknown",
                "confidence": 0.9,
                "page": 1,
            }
        )
    )
    confidence = 0.9
    evidence = factory.LazyAttribute(lambda o: o.data.get("evidence", ""))
    status = "pending"


class FigureProposalFactory(factory.django.DjangoModelFactory):
    """Figures a network proposed to one of its members: one row for an indicator of the member."""

    class Meta:
        model = FigureProposal

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    source = "file"
    rows = factory.LazyAttribute(
        lambda o: [
            [IndicatorFactory(owner=o.organisation).pk, "2024", 2024, "women", "40", None, "", ""]
        ]
    )


# Exchange ---------------------------------------------------------------------------------------


class ImportPreviewFactory(factory.django.DjangoModelFactory):
    """A previewed plan upload without a file (as after its file was cleaned up)."""

    class Meta:
        model = ImportPreview

    kind = ImportKind.PLAN
    organisation = factory.SubFactory(OrganisationFactory)
    by = factory.SubFactory(UserFactory)
    file_name = "plan.xlsx"
    title = "Importerad plan"


def _stored_report_file(content: bytes, suffix: str) -> str:
    from django.core.files.storage import default_storage

    return default_storage.save(f"reports/factory{suffix}", ContentFile(content))


class ReportFactory(factory.django.DjangoModelFactory):
    """A generated draft follow-up report with small stand-in files (no PDF is laid out).

    Its snapshot is a valid follow-up snapshot without a plan, so the preview renders; tests
    of the real files generate them with ``services.report_generate``.
    """

    class Meta:
        model = "reports.Report"

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "follow_up"
    title = factory.Sequence(lambda n: f"Uppföljning {n}")
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    period_end = factory.LazyFunction(timezone.localdate)
    language = "sv"
    author = factory.SubFactory(UserFactory)
    state = "ready"
    generated_at = factory.LazyFunction(timezone.now)
    page_count = 1
    snapshot_file = factory.LazyAttribute(
        lambda o: _stored_report_file(
            json.dumps(
                {
                    "schema": 1,
                    "kind": o.kind,
                    "language": o.language,
                    "title": o.title,
                    "organisation": {
                        "name": o.organisation.name,
                        "code": "",
                        "kind": "",
                        "country": "",
                    },
                    "period": {
                        "start": o.period_start.isoformat(),
                        "end": o.period_end.isoformat(),
                    },
                    "version": 1,
                    "made_on": o.period_end.isoformat(),
                    "author": "",
                    "summary": "",
                    "commitment": None,
                    "plan": None,
                    "since": o.period_start.isoformat(),
                    "goals": [],
                    "statuses": [],
                    "overdue": [],
                    "coverage": [],
                    "indicators": [],
                }
            ).encode(),
            ".json",
        )
    )
    pdf_file = factory.LazyAttribute(lambda o: _stored_report_file(b"%PDF-1.7\n%%EOF\n", ".pdf"))
    docx_file = factory.LazyAttribute(
        lambda o: _stored_report_file(b"PK\x05\x06" + bytes(18), ".docx")
    )
