from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "equalocal.networks"
    label = "networks"
    verbose_name = _("Networks and working groups")

    def ready(self):
        from equalocal.core.navigation import match
        from equalocal.core.registry import NavItem, register_nav, register_personal_data

        from . import selectors

        register_personal_data("networks", selectors.personal_data_of)
        register_nav(
            NavItem(
                key="network",
                label=_("Network"),
                order=60,
                url=selectors.network_nav_url,
                # A network's pages, and the list of the organisation's networks.
                active=lambda request: (
                    match(request, app="networks") or match(request, app="memberships")
                ),
            )
        )
