from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "equalocal.documents"
    verbose_name = _("Documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from equalocal.core.navigation import match, org_url
        from equalocal.core.registry import (
            NavItem,
            register_nav,
            register_section,
            register_worker_start,
        )

        from . import sections, tasks

        for page, context in (
            ("commitment_detail", sections.commitment_sources),
            ("activity_detail", sections.activity_sources),
        ):
            register_section(
                page, template="documents/includes/provenance.html", context=context, order=50
            )
        register_worker_start("documents.stale-check", tasks.start_stale_watch)
        register_nav(
            NavItem(
                key="documents",
                label=_("Documents"),
                order=70,
                url=org_url("documents:list"),
                active=lambda request: match(request, app="documents"),
            )
        )
