from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "equalocal.workspace"
    label = "workspace"
    verbose_name = _("My work and search")

    def ready(self):
        from django.urls import reverse

        from equalocal.core.navigation import match
        from equalocal.core.registry import (
            NavItem,
            register_nav,
            register_provider,
            register_section,
        )

        from . import sections

        register_nav(
            NavItem(
                key="my-work",
                label=_("My work"),
                order=15,
                url=lambda request: (
                    reverse("workspace:my-work") if request.user.is_authenticated else None
                ),
                active=lambda request: match(request, app="workspace", names=("my-work",)),
            )
        )
        register_section(
            "home", template="workspace/includes/checklist.html", context=sections.checklist
        )
        register_section(
            "plans_dashboard",
            template="workspace/includes/checklist.html",
            context=sections.checklist,
        )
        # Whether the home page shows the organisation's first steps to this request's user.
        register_provider(
            "first_steps_shown",
            lambda request, organisation: sections.checklist(request, organisation) is not None,
        )
