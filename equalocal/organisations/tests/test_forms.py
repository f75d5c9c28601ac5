"""Form validation for organisations and people."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from equalocal.organisations.forms import (
    EraseForm,
    MembershipRoleForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonForm,
)
from equalocal.organisations.models import OrganisationKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def organisation_data(**overrides):
    data = {
        "name": "Umeå kommun",
        "kind": OrganisationKind.MUNICIPALITY,
        "country": "SE",
        "official_code": "2480",
        "parent": "",
        "website": "",
        "description": "",
    }
    data.update(overrides)
    return data


def test_organisation_form_accepts_valid_data():
    form = OrganisationForm(organisation_data(), staff=True)
    assert form.is_valid(), form.errors


def test_organisation_form_rejects_an_unknown_country_with_a_clear_message():
    form = OrganisationForm(organisation_data(country="XX"), staff=True)
    assert not form.is_valid()
    assert form.errors["country"] == [
        "“XX” is not a country we know. Choose a country from the list."
    ]


def test_organisation_form_strips_the_official_code():
    form = OrganisationForm(organisation_data(official_code=" 2480 "), staff=True)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["official_code"] == "2480"


def test_organisation_form_reports_the_swedish_code_format_on_its_field():
    form = OrganisationForm(organisation_data(official_code="248"), staff=True)
    assert not form.is_valid()
    assert "four digits" in form.errors["official_code"][0]


def test_organisation_form_names_the_organisation_that_has_the_code():
    OrganisationFactory(name="Vännäs kommun", country="SE", official_code="2460")
    form = OrganisationForm(organisation_data(official_code="2460"), staff=True)
    assert not form.is_valid()
    assert form.errors["official_code"] == [
        "Vännäs kommun already has the official code 2460 in this country."
    ]
    assert not form.non_field_errors()


def test_organisation_form_accepts_the_same_code_in_another_country():
    OrganisationFactory(country="NO", official_code="2460")
    assert OrganisationForm(organisation_data(official_code="2460"), staff=True).is_valid()


def test_organisation_form_for_an_existing_organisation_keeps_its_own_code():
    organisation = OrganisationFactory(country="SE", official_code="2480")
    form = OrganisationForm(organisation_data(), instance=organisation, staff=True)
    assert form.is_valid(), form.errors


def test_organisation_form_does_not_offer_the_organisation_as_its_own_parent():
    organisation = OrganisationFactory()
    other = OrganisationFactory()
    parents = list(OrganisationForm(instance=organisation, staff=True).fields["parent"].queryset)
    assert organisation not in parents
    assert other in parents


def test_organisation_form_rejects_an_invalid_website():
    form = OrganisationForm(organisation_data(website="not a url"), staff=True)
    assert not form.is_valid()
    assert "website" in form.errors


def test_organisation_form_rejects_a_too_large_logo(settings):
    settings.LOGO_MAX_BYTES = 10
    logo = SimpleUploadedFile("logo.gif", _tiny_gif(), content_type="image/gif")
    form = OrganisationForm(organisation_data(), {"logo": logo}, staff=True)
    assert not form.is_valid()
    assert "too large" in form.errors["logo"][0]


def test_organisation_form_rejects_a_logo_that_is_not_an_image():
    logo = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    form = OrganisationForm(organisation_data(), {"logo": logo}, staff=True)
    assert not form.is_valid()
    assert "logo" in form.errors


def _tiny_gif() -> bytes:
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
        b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


def test_filter_form_offers_only_countries_with_organisations():
    form = OrganisationFilterForm(country_codes=["FI", "SE"])
    assert [code for code, _ in form.fields["country"].choices] == ["", "FI", "SE"]


def test_filter_form_rejects_an_unknown_country_with_a_clear_message():
    form = OrganisationFilterForm({"country": "XX"}, country_codes=["SE"])
    assert not form.is_valid()
    assert "is not a country we know" in form.errors["country"][0]


@pytest.mark.parametrize("phone", ["0935-141 31", "+46 (0)90 16 10 00", ""])
def test_person_form_accepts_usual_phone_numbers(phone):
    form = PersonForm({"name": "Ingrid", "phone": phone})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("phone", ["call me", "123", "090-16 10 00 ext. 5"])
def test_person_form_rejects_phone_numbers_with_letters_or_too_few_digits(phone):
    form = PersonForm({"name": "Ingrid", "phone": phone})
    assert not form.is_valid()
    assert "phone number" in form.errors["phone"][0]


def test_person_form_rejects_an_invalid_email():
    form = PersonForm({"name": "Ingrid", "email": "ingrid-at-vannas"})
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter a valid email address."]


def test_membership_role_form_only_accepts_known_roles():
    assert MembershipRoleForm({"role": "editor"}).is_valid()
    assert not MembershipRoleForm({"role": "owner"}).is_valid()


def test_erase_form_requires_the_confirmation_box():
    form = EraseForm({"reason": "request"})
    assert not form.is_valid()
    assert form.errors["confirm"] == ["Tick the box to confirm the erasure."]


def test_the_form_for_an_organisations_own_admin_has_no_structure_fields():
    form = OrganisationForm(organisation_data())
    assert not {"kind", "parent", "official_code"} & set(form.fields)


def _image(format_name: str, size=(2, 2)) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, "purple").save(buffer, format_name)
    return buffer.getvalue()


def test_organisation_form_accepts_a_png_logo():
    logo = SimpleUploadedFile("logo.png", _image("PNG"), content_type="image/png")
    form = OrganisationForm(organisation_data(), {"logo": logo}, staff=True)
    assert form.is_valid(), form.errors


def test_organisation_form_refuses_a_logo_in_another_image_format():
    # Pillow reads it, but only PNG, JPEG, GIF and WebP are served as logos.
    logo = SimpleUploadedFile("logo.png", _image("BMP"), content_type="image/png")
    form = OrganisationForm(organisation_data(), {"logo": logo}, staff=True)
    assert not form.is_valid()
    assert "PNG, JPEG, GIF or WebP" in form.errors["logo"][0]
    assert "BMP" in form.errors["logo"][0]


def test_organisation_form_refuses_a_logo_over_the_pixel_limit(settings):
    settings.LOGO_MAX_PIXELS = 1_000_000
    logo = SimpleUploadedFile("logo.png", _image("PNG", (1001, 1000)), content_type="image/png")
    form = OrganisationForm(organisation_data(), {"logo": logo}, staff=True)
    assert not form.is_valid()
    assert "1001 × 1000 pixels" in form.errors["logo"][0]
