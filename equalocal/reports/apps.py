from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "equalocal.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from equalocal.core.navigation import match, org_url
        from equalocal.core.registry import (
            NavItem,
            register_nav,
            register_public_source,
            register_section,
            register_worker_start,
        )

        from . import sections, tasks
        from .models import Report

        register_worker_start("reports.queued", tasks.start_queued)
        register_nav(
            NavItem(
                key="reports",
                label=_("Reports"),
                order=75,
                url=org_url("reports:list"),
                active=lambda request: match(request, app="reports"),
            )
        )
        register_section(
            "public_profile",
            template="reports/sections/public_profile.html",
            context=sections.public_profile_report,
        )
        register_public_source("reports.report", Report, "sent_at")
        register_section(
            "organisation_detail",
            template="reports/includes/organisation_reports.html",
            context=sections.organisation_reports,
        )
