from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "equalocal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.urls import reverse

        from .registry import NavItem, register_nav

        register_nav(
            NavItem(
                key="admin",
                label=_("Administration"),
                order=200,
                url=lambda request: reverse("admin:index") if request.user.is_staff else None,
                active=lambda request: False,
            )
        )
