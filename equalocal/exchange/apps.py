from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "equalocal.exchange"
    label = "exchange"
    verbose_name = _("Exports and imports")

    def ready(self):
        from equalocal.core.registry import register_section, register_worker_start

        from . import sections, tasks

        register_worker_start("exchange.preview-cleanup", tasks.start_preview_cleanup)
        for page, context in sections.EXPORT_MENUS.items():
            register_section(
                page, template="exchange/includes/export_menu.html", context=context, order=1
            )
