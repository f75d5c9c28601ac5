from django.conf import settings

from .registry import nav_for


def shell(request):
    """Variables the base layout needs on every page: the navigation and the languages."""
    return {"shell_languages": settings.LANGUAGES, "shell_nav": nav_for(request)}
