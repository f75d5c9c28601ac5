from django.utils.functional import SimpleLazyObject

SESSION_KEY = "current_organisation"


def _current_organisation(request):
    from equalocal.organisations.selectors import current_organisation_for

    return current_organisation_for(request.user, request.session.get(SESSION_KEY))


class CurrentOrganisationMiddleware:
    """Attach ``request.organisation``: the organisation the signed-in user works in now.

    It is chosen with the organisation switcher and falls back to the user's first
    membership. It is lazy, so pages that never use it cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = SimpleLazyObject(lambda: _current_organisation(request))
        return self.get_response(request)
