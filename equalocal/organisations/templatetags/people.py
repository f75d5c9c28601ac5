"""People as the viewer may see them: ``{% person_name person %}``, ``{% responsible activity %}``.

The rule is ``organisations.permissions.can_see_person``; a page of a network may put
``contacts_shared`` (``permissions.contacts_shared_with``) in its context.
"""

from django import template
from django.utils.translation import gettext as _

from equalocal.organisations.permissions import can_see_person

register = template.Library()


def _visible(context, person) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return person.is_public_contact
    return can_see_person(user, person, shared_with=context.get("contacts_shared", frozenset()))


def shown_name(context, person, fallback: str = "") -> str:
    """The person's name if the viewer may see it, else their title (role) or ``fallback``."""
    if person is None:
        return fallback
    if _visible(context, person):
        return person.name
    return person.title or fallback or _("Staff member")


@register.simple_tag(takes_context=True)
def person_name(context, person, fallback=""):
    return shown_name(context, person, fallback)


@register.simple_tag(takes_context=True)
def responsible(context, activity):
    """Who is responsible for an activity: the person if visible, else the unit or the role."""
    person = activity.responsible_person if activity.responsible_person_id else None
    if person is not None and _visible(context, person):
        return person.name
    return activity.responsible_unit or (person.title if person is not None else "") or "–"
