from django.conf import settings


def shell(request):
    """Variables the base layout needs on every page: the interface languages."""
    return {"shell_languages": settings.LANGUAGES}
