from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Organisation, OrganisationKind, Person, Publishing, Role

COUNTRY_ERRORS = {
    "invalid_choice": _("“%(value)s” is not a country we know. Choose a country from the list.")
}


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, countries.name(code)) for code in country_codes
        ]
        self.fields["country"].error_messages.update(COUNTRY_ERRORS)


# Fields only site staff may set: an admin editing these could make their organisation a
# network, or place it under another.
STRUCTURE_FIELDS = ("kind", "parent", "official_code")
#: Formats a logo may have, as Pillow names them.
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "official_code",
            "parent",
            "website",
            "logo",
            "description",
            "vision",
            "address",
            "phone",
            "latitude",
            "longitude",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            # The formats clean_logo accepts, so the file chooser offers only those.
            "logo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
            ),
            "vision": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].error_messages.update(COUNTRY_ERRORS)
        if not staff:
            # What the organisation is and where it belongs is site staff's to set.
            for name in STRUCTURE_FIELDS:
                del self.fields[name]
            return
        parents = Organisation.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_official_code(self):
        return self.cleaned_data["official_code"].strip()

    def clean_logo(self):
        """A new logo is a PNG, JPEG, GIF or WebP image (read by Pillow, not by its name)
        within the size and pixel limits; SVG can carry scripts and is refused."""
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > settings.LOGO_MAX_BYTES:
            raise ValidationError(
                _("The logo is too large (%(size)s kB); the limit is %(limit)s kB."),
                params={"size": logo.size // 1024, "limit": settings.LOGO_MAX_BYTES // 1024},
            )
        image = getattr(logo, "image", None)
        if image is None:
            return logo
        if image.format not in LOGO_FORMATS:
            raise ValidationError(
                _("The logo must be a PNG, JPEG, GIF or WebP image; this one is %(format)s."),
                params={"format": image.format or _("unknown")},
            )
        width, height = image.size
        if width * height > settings.LOGO_MAX_PIXELS:
            raise ValidationError(
                _(
                    "The logo is %(width)s × %(height)s pixels; the limit is %(limit)s "
                    "million pixels."
                ),
                params={
                    "width": width,
                    "height": height,
                    "limit": settings.LOGO_MAX_PIXELS // 1_000_000,
                },
            )
        return logo

    def clean(self):
        cleaned = super().clean()
        code, country = cleaned.get("official_code"), cleaned.get("country")
        # Only site staff's form holds the official code.
        if code and country and "official_code" in self.fields:
            others = Organisation.objects.filter(country=country, official_code=code)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            other = others.first()
            if other is not None:
                self.add_error(
                    "official_code",
                    _("%(other)s already has the official code %(code)s in this country.")
                    % {"other": other.name, "code": code},
                )
        return cleaned

    def validate_constraints(self, exclude=None):
        # The duplicate code is reported on its field in clean(); skip the generic message.
        pass


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "email", "phone", "is_public_contact"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789 +-()/.")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 5):
            raise ValidationError(
                _("Enter a phone number with digits, spaces and + - ( ) only, e.g. 0935-141 31.")
            )
        return phone


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, for example the date of the request)"),
        required=False,
        max_length=300,
    )
    confirm = forms.BooleanField(
        label=_("I understand that this permanently erases the person and their history."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class PublishingForm(forms.ModelForm):
    class Meta:
        model = Publishing
        fields = ["commitment", "progress", "figures", "reports"]
