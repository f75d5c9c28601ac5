"""Good practices: review before publishing, who sees what, search, related, attachments."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from PIL import Image

from equalocal.charters.models import Article
from equalocal.core.errors import ApplicationError
from equalocal.library import services
from equalocal.library.models import PracticeStatus
from equalocal.library.tests.factories import (
    PracticeAttachmentFactory,
    PracticeFactory,
    ThemeFactory,
)
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def article(number, charter="2022"):
    return Article.objects.get(charter__code=charter, number=number)


def member(organisation, role):
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def test_editor_writes_admin_publishes():
    owner = OrganisationFactory()
    editor, admin = member(owner, "editor"), member(owner, "admin")
    practice = PracticeFactory.build(owner=owner, title="Jämställd budget", country="SE")
    services.practice_save(practice=practice, by=editor, articles=[article(9)])
    services.practice_submit(practice=practice, by=editor)
    assert practice.status == PracticeStatus.IN_REVIEW
    with pytest.raises(PermissionDenied):
        services.practice_review(practice=practice, by=editor, publish=True)
    services.practice_review(practice=practice, by=admin, publish=True)
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert practice.reviewed_by == admin


def test_changing_a_published_practice_takes_it_back_to_draft():
    owner = OrganisationFactory()
    editor = member(owner, "editor")
    practice = PracticeFactory(owner=owner, published=True)
    practice.summary = "Changed"
    services.practice_save(practice=practice, by=editor)
    assert practice.status == PracticeStatus.DRAFT


def test_outsiders_cannot_write_a_practice():
    practice = PracticeFactory()
    with pytest.raises(Http404):
        services.practice_save(practice=practice, by=UserFactory())


def test_results_link_only_to_the_owners_activities_and_indicators():
    owner = OrganisationFactory()
    editor = member(owner, "editor")
    practice = PracticeFactory(owner=owner)
    own = ActivityFactory(plan=ActionPlanFactory(organisation=owner))
    foreign = ActivityFactory(plan=ActionPlanFactory(organisation=OrganisationFactory()))
    services.practice_save(practice=practice, by=editor, activities=[own])
    assert list(practice.activities.all()) == [own]
    with pytest.raises(ApplicationError):
        services.practice_save(practice=practice, by=editor, activities=[foreign])
    with pytest.raises(ApplicationError):
        services.practice_save(
            practice=practice, by=editor, indicators=[IndicatorFactory(owner=OrganisationFactory())]
        )


def test_anonymous_sees_only_published_practices(client):
    published = PracticeFactory(title="Published one", published=True)
    draft = PracticeFactory(title="Draft one")
    review = PracticeFactory(title="Review one", status=PracticeStatus.IN_REVIEW)
    page = client.get(reverse("library:index")).content.decode()
    assert "Published one" in page
    assert "Draft one" not in page and "Review one" not in page
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(review.get_absolute_url()).status_code == 404


def test_search_filters_by_article_theme_country_and_language(client):
    budget = ThemeFactory(slug="budget", name_en="Budgeting")
    swedish = PracticeFactory(
        title="Budget in Umeå",
        published=True,
        country="SE",
        language="sv",
        articles=[article(9)],
        themes=[budget],
    )
    PracticeFactory(
        title="Twinning in Gdańsk", published=True, country="PL", articles=[article(30)]
    )
    cases = [
        {"article": article(9).pk},
        {"theme": "budget"},
        {"country": "SE"},
        {"language": "sv"},
        {"q": "umeå"},
    ]
    for query in cases:
        page = client.get(reverse("library:index"), query).content.decode()
        assert swedish.title in page, query
        assert "Twinning in Gdańsk" not in page, query


def test_unknown_filter_values_are_ignored_not_an_error(client):
    response = client.get(reverse("library:index"), {"article": "abc", "country": "<x>"})
    assert response.status_code == 200


def test_related_practices_share_articles_or_themes(client):
    theme = ThemeFactory()
    practice = PracticeFactory(published=True, articles=[article(9)], themes=[theme])
    both = PracticeFactory(title="Both", published=True, articles=[article(9)], themes=[theme])
    one = PracticeFactory(title="One", published=True, articles=[article(9)])
    PracticeFactory(title="Unrelated", published=True, articles=[article(30)])
    PracticeFactory(title="Hidden draft", articles=[article(9)], themes=[theme])
    page = client.get(practice.get_absolute_url()).content.decode()
    assert page.index("Both") < page.index(">One<")
    assert "Unrelated" not in page and "Hidden draft" not in page
    assert both.pk != one.pk


def test_library_index_has_bounded_queries(client, django_assert_max_num_queries):
    themes = [ThemeFactory() for _ in range(3)]
    for number in range(1, 21):
        PracticeFactory(published=True, articles=[article(number)], themes=themes)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("library:index"))
    assert response.content.decode().count('class="practice-item"') == 20


def test_text_from_practices_is_escaped(client):
    practice = PracticeFactory(published=True, summary="<script>alert(1)</script>")
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_attachment_is_private_until_published(client):
    practice = PracticeFactory()
    attachment = PracticeAttachmentFactory(practice=practice)
    url = reverse(
        "library:attachment", kwargs={"practice": practice.pk, "attachment": attachment.pk}
    )
    assert client.get(url).status_code == 404
    practice.status = PracticeStatus.PUBLISHED
    practice.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_attachments_are_checked_by_content():
    owner = OrganisationFactory()
    editor = member(owner, "editor")
    practice = PracticeFactory(owner=owner)
    disguised = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ApplicationError) as error:
        services.practice_attachment_add(practice=practice, file=disguised, by=editor)
    assert error.value.field == "file"
    buffer = BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, "PNG")
    image = SimpleUploadedFile("photo.png", buffer.getvalue())
    attachment = services.practice_attachment_add(practice=practice, file=image, by=editor)
    assert attachment.content_type == "image/png"
    assert attachment.size == len(buffer.getvalue())


def test_images_past_the_pixel_limit_are_refused(settings):
    settings.DOCUMENTS_MAX_PIXELS = 100
    owner = OrganisationFactory()
    editor = member(owner, "editor")
    buffer = BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, "PNG")
    with pytest.raises(ApplicationError):
        services.practice_attachment_add(
            practice=PracticeFactory(owner=owner),
            file=SimpleUploadedFile("big.png", buffer.getvalue()),
            by=editor,
        )


def test_article_page_lists_practices_and_plans_that_prioritise_it(client):
    article_9 = article(9)
    PracticeFactory(title="Gender budgeting", published=True, articles=[article_9])
    PracticeFactory(title="Unreviewed", articles=[article_9])
    plan = ActionPlanFactory(title="Published plan", is_published=True)
    plan.priorities.set([article_9])
    hidden = ActionPlanFactory(title="Internal plan")
    hidden.priorities.set([article_9])
    page = client.get(
        reverse("charters:article", kwargs={"charter": "2022", "number": 9})
    ).content.decode()
    assert "Gender budgeting" in page and "Unreviewed" not in page
    assert "Published plan" in page and "Internal plan" not in page
    assert "charter-equality.eu" in page
    assert "figures split by sex" in page


def test_article_page_explains_in_swedish(client):
    response = client.get(
        reverse("charters:article", kwargs={"charter": "2022", "number": 9}),
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert "könsuppdelad statistik" in response.content.decode()


def test_practice_form_page_saves_for_an_editor(client):
    owner = OrganisationFactory(country="SE")
    client.force_login(member(owner, "editor"))
    response = client.post(
        reverse("library_org:practice-create", kwargs={"org": owner.slug}),
        {
            "title": "Trygg stad",
            "summary": "Trygghetsvandringar med kvinnor och män.",
            "country": "SE",
            "language": "sv",
            "articles": [article(21).pk],
        },
    )
    assert response.status_code == 302
    practice = owner.practices.get()
    assert practice.status == PracticeStatus.DRAFT
    assert list(practice.articles.all()) == [article(21)]


def test_outsiders_see_only_public_results_links(client):
    owner = OrganisationFactory()
    public_plan = ActionPlanFactory(organisation=owner, is_published=True)
    internal_plan = ActionPlanFactory(organisation=owner)
    shown = ActivityFactory(plan=public_plan, title="Public activity")
    hidden = ActivityFactory(plan=internal_plan, title="Internal activity")
    indicator = IndicatorFactory(owner=owner, title_en="Internal indicator")
    practice = PracticeFactory(owner=owner, published=True)
    practice.activities.set([shown, hidden])
    practice.indicators.set([indicator])
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Public activity" in page
    assert "Internal activity" not in page
    assert "Internal indicator" not in page
    client.force_login(member(owner, "viewer"))
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Internal activity" in page and "Internal indicator" in page
