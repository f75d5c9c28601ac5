from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "equalocal.library"
    label = "library"
    verbose_name = _("Knowledge library and events")

    def ready(self):
        from django.urls import reverse

        from equalocal.core.navigation import match
        from equalocal.core.registry import (
            NavItem,
            register_nav,
            register_public_source,
            register_section,
        )

        from . import sections
        from .models import Practice

        register_nav(
            NavItem(
                key="library",
                label=_("Library"),
                order=95,
                url=lambda request: reverse("library:index"),
                active=lambda request: match(request, app="library"),
            )
        )
        register_section(
            "charters:article",
            template="library/sections/article_practices.html",
            context=sections.article_practices,
        )
        register_section(
            "charters:article",
            template="library/sections/article_plans.html",
            context=sections.article_plans,
            order=110,
        )
        register_section(
            "home", template="library/sections/home.html", context=sections.home_library, order=120
        )
        register_section(
            "public_profile",
            template="library/sections/profile_practices.html",
            context=sections.public_profile_practices,
            order=110,
        )
        register_public_source("library.practice", Practice, "updated_at")
