from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "equalocal.charters"
    label = "charters"
    verbose_name = _("The Charter")

    def ready(self):
        from django.urls import reverse

        from equalocal.core.navigation import match, org_url
        from equalocal.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                key="commitments",
                label=_("Commitment"),
                order=30,
                url=org_url("charters:commitments"),
                active=lambda request: match(request, app="charters", exclude=("index", "text")),
            )
        )
        register_nav(
            NavItem(
                key="charter",
                label=_("The Charter"),
                order=100,
                url=lambda request: reverse("charters:index"),
                active=lambda request: match(request, app="charters", names=("index", "text")),
            )
        )
