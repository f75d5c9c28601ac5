from django import forms
from django.utils.translation import gettext_lazy as _


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Kolada sync” or “dashboard script”."),
    )
    can_write = forms.BooleanField(
        label=_("May change data"),
        required=False,
        help_text=_("Without it the token only reads. With it, it changes what your role allows."),
    )
