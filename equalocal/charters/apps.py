from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "equalocal.charters"
    label = "charters"
    verbose_name = _("The Charter")
