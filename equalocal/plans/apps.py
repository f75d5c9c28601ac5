from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "equalocal.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self):
        from equalocal.core.registry import register_provider, register_worker_start

        from . import selectors, tasks

        register_worker_start("plans.daily-reminders", tasks.start_daily_reminders)
        register_provider("charter_plans", selectors.charter_plans)
