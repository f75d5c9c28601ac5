from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "equalocal.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self):
        from equalocal.core.registry import register_section

        from . import sections

        register_section(
            "profile", template="api/includes/profile_tokens.html", context=sections.profile_tokens
        )
