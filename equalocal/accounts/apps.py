from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "equalocal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from equalocal.core.registry import register_section

        from . import language, middleware, sections, signin

        user_login_failed.connect(signin.log_failed_sign_in, dispatch_uid="accounts-signin-log")
        user_logged_in.connect(middleware.session_start, dispatch_uid="accounts-session-start")
        user_logged_in.connect(language.signed_in, dispatch_uid="accounts-language")

        register_section(
            "organisation_members",
            template="accounts/includes/invitations.html",
            context=sections.organisation_invitations,
        )
