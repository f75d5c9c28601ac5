"""factory_boy factories for the library: themes, practices, publications, events."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from equalocal.library.models import (
    Event,
    Practice,
    PracticeAttachment,
    PracticeStatus,
    Publication,
    PublicationPart,
    Registration,
    RegistrationStatus,
    Theme,
    hash_token,
)
from tests.factories import OrganisationFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Publication {n}")
    author = "Working group"
    published_on = factory.LazyFunction(timezone.localdate)
    is_published = True


class PublicationPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationPart

    publication = factory.SubFactory(PublicationFactory)
    kind = "guideline"
    title = factory.Sequence(lambda n: f"Guideline {n}")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A draft practice; ``published=True`` publishes it, ``articles``/``themes`` tag it."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=PracticeStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "What was done and why."
    country = factory.SelfAttribute("owner.country")

    @factory.post_generation
    def articles(self, create, extracted, **kwargs):
        if create and extracted:
            self.articles.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class EventFactory(factory.django.DjangoModelFactory):
    """A published event a month ahead, 75 minutes long, in Brussels time."""

    class Meta:
        model = Event

    organiser = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Event {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=75))
    time_zone = "Europe/Brussels"
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration; its cancellation token is ``token`` (kept hashed)."""

    class Meta:
        model = Registration
        exclude = ["token"]

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    status = RegistrationStatus.CONFIRMED
    consented_at = factory.LazyFunction(timezone.now)
    token = factory.Sequence(lambda n: f"token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))


class PracticeAttachmentFactory(factory.django.DjangoModelFactory):
    """A file of a practice, saved in private storage; pass ``content`` (bytes)."""

    class Meta:
        model = PracticeAttachment
        exclude = ["content"]

    practice = factory.SubFactory(PracticeFactory)
    content = b"%PDF-1.4\n%%EOF\n"
    filename = "attachment.pdf"
    content_type = "application/pdf"
    stored_name = factory.LazyAttribute(
        lambda o: default_storage.save("library/attachment.pdf", ContentFile(o.content))
    )
    size = factory.LazyAttribute(lambda o: len(o.content))
