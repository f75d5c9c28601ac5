from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "equalocal.indicators"
    label = "indicators"
    verbose_name = _("Indicators and scorecards")

    def ready(self):
        from equalocal.core.navigation import match
        from equalocal.core.registry import (
            NavItem,
            register_nav,
            register_section,
            register_worker_start,
        )

        from . import sections, tasks

        register_worker_start("indicators.preview-cleanup", tasks.start_preview_cleanup)
        register_worker_start("indicators.queued-imports", tasks.start_queued_imports)
        register_nav(
            NavItem(
                key="indicators",
                label=_("Indicators"),
                order=50,
                url=sections.indicators_nav_url,
                active=lambda request: match(request, app="indicators"),
            )
        )
        register_section(
            "plan_detail",
            template="indicators/includes/plan_evidence.html",
            context=sections.plan_indicators,
        )
