from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "equalocal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models import fields
        from django.urls import reverse

        # The empty choice of every select built from a model field or a queryset, in the
        # product's languages (Django's own label is not translated into Swedish yet).
        fields.BLANK_CHOICE_LABEL = _("Choose…")

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
