from .selectors import memberships_for_user


def memberships(request):
    """The signed-in user's memberships, for the organisation switcher in the layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shell_memberships": []}
    return {"shell_memberships": memberships_for_user(user)}
