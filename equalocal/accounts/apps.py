from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "equalocal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from equalocal.core.registry import register_section

        from . import sections

        register_section(
            "organisation_members",
            template="accounts/includes/invitations.html",
            context=sections.organisation_invitations,
        )
