from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "equalocal.public"
    label = "public"
    verbose_name = _("Public site")

    def ready(self):
        from django.urls import reverse

        from equalocal.core.navigation import match
        from equalocal.core.registry import NavItem, register_nav, register_section

        from . import sections

        register_nav(
            NavItem(
                key="signatories",
                label=_("Signatories"),
                order=25,
                url=lambda request: reverse("public:directory"),
                active=lambda request: match(request, app="public"),
            )
        )
        register_section(
            "public_network",
            template="public/sections/network_signatories.html",
            context=sections.network_signatories,
        )
