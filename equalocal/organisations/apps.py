from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "equalocal.organisations"
    label = "organisations"
    verbose_name = _("Organisations and people")

    def ready(self):
        from django.urls import reverse

        from equalocal.core.navigation import match
        from equalocal.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                key="home",
                label=_("Home"),
                order=10,
                url=lambda request: reverse("home:index"),
                active=lambda request: match(request, app="home"),
            )
        )
        register_nav(
            NavItem(
                key="organisations",
                label=_("Organisations"),
                order=90,
                url=lambda request: reverse("organisations:list"),
                active=lambda request: match(request, app="organisations"),
            )
        )
