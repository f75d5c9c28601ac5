"""The anonymous persona on every public URL: nothing org A keeps private shows."""

import pytest
from django.urls import reverse

from equalocal.organisations.models import Person
from tests.factories import PublishingFactory
from tests.test_urls_by_persona import EXPECTED, _url

PUBLIC_URLS = sorted(name for name in EXPECTED if name.startswith("public:"))


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_anonymous_sees_no_private_plan_person_or_unpublished_commitment(client, personas, name):
    """Org A's plan is not published and its person is no public contact; once org A stops
    publishing its commitment, its decision date and status leave every public page too."""
    private_person = Person.objects.get(pk=personas.objects["person"])
    url = _url(name, personas)

    content = client.get(url).content.decode()
    assert "Handlingsplan" not in content
    assert private_person.name not in content
    assert private_person.email not in content
    # The published commitment shows: its decision (2025-03-01) or deadline (2027-03-01).
    dates = ("2025-03-01", "2027-03-01")
    if name != "public:feed":  # the feed lists signatures; org A has only decided
        assert any(day in content for day in dates)

    PublishingFactory(organisation=personas.org_a, commitment=False)
    content = client.get(url).content.decode()
    assert not any(day in content for day in dates)
    assert "Handlingsplan" not in content
    if name in {"public:directory", "public:directory-csv", "public:directory-json", "public:map"}:
        assert personas.org_a.name not in content


def test_every_public_url_is_in_the_walk():
    from tests.test_urls_by_persona import url_patterns

    public = sorted(name for name in url_patterns() if name.startswith("public:"))
    assert public == PUBLIC_URLS
    assert reverse("public:directory") == "/signatories/"
