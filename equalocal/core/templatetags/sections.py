"""``{% sections "page" obj %}``: render the sections other apps registered for a page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from equalocal.core.registry import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def sections(context, page: str, obj):
    request = context.get("request")
    parts = [
        render_to_string(section.template, section.context, request=request)
        for section in sections_for(page, request, obj)
    ]
    # Each part was rendered by the template engine, which escaped its values.
    return mark_safe("".join(parts))  # noqa: S308
