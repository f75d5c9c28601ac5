from .selectors import current_organisation_for

SESSION_KEY = "current_organisation"


class CurrentOrganisationMiddleware:
    """Attach ``request.organisation``: the organisation the signed-in user works in now.

    It is chosen with the organisation switcher and falls back to the user's first
    membership, or None. The memberships are loaded once per request and shared with
    the layout's switcher, so this costs no extra query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        if request.user.is_authenticated:
            request.organisation = current_organisation_for(
                request.user, request.session.get(SESSION_KEY)
            )
        return self.get_response(request)
