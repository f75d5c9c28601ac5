from django import forms
from django.utils.translation import gettext_lazy as _

from equalocal.accounts.models import NotificationSettings


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


class NotificationForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["digest", "language"]
        widgets = {"digest": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _empty, *languages = self.fields["language"].choices
        self.fields["language"].choices = [("", _("The language of my account")), *languages]
