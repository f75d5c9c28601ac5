from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "equalocal.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self):
        from equalocal.core.navigation import match, org_url
        from equalocal.core.registry import (
            NavItem,
            register_nav,
            register_personal_data,
            register_provider,
            register_worker_start,
        )

        from . import selectors, tasks

        register_worker_start("plans.daily-reminders", tasks.start_daily_reminders)
        register_provider("charter_plans", selectors.charter_plans)
        register_personal_data("plans", selectors.personal_data_of)
        register_nav(
            NavItem(
                key="dashboard",
                label=_("Dashboard"),
                order=20,
                url=org_url("plans:dashboard"),
                active=lambda request: match(request, app="plans", names=("dashboard",)),
            )
        )
        register_nav(
            NavItem(
                key="plans",
                label=_("Plans"),
                order=40,
                url=org_url("plans:list"),
                active=lambda request: match(request, app="plans", exclude=("dashboard",)),
            )
        )
