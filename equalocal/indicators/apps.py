from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "equalocal.indicators"
    label = "indicators"
    verbose_name = _("Indicators and scorecards")

    def ready(self):
        from equalocal.core.registry import register_section, register_worker_start

        from . import sections, tasks

        register_worker_start("indicators.preview-cleanup", tasks.start_preview_cleanup)
        register_section(
            "plan_detail",
            template="indicators/includes/plan_evidence.html",
            context=sections.plan_indicators,
        )
