from django.conf import settings


def shell(request):
    """Variables the base layout needs on every page: memberships for the switcher."""
    memberships = []
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        from equalocal.organisations.selectors import memberships_for_user

        memberships = memberships_for_user(request.user)
    return {
        "shell_memberships": memberships,
        "shell_languages": settings.LANGUAGES,
    }
