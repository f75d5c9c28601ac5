from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "equalocal.indicators"
    label = "indicators"
    verbose_name = _("Indicators and scorecards")

    def ready(self):
        from equalocal.core.registry import register_section

        from . import sections

        register_section(
            "plan_detail",
            template="indicators/includes/plan_evidence.html",
            context=sections.plan_indicators,
        )
