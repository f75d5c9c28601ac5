"""factory_boy factories for the domain models."""

import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from equalocal.accounts.models import Invitation, User
from equalocal.organisations.models import Membership, Organisation, OrganisationKind, Person, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("password-for-tests")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    country = "SE"
    official_code = factory.Sequence(lambda n: f"{1000 + n:04d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


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
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.EDITOR
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))


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
