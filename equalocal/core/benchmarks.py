"""The core's part of the load benchmark: the trivial page every figure is compared with."""

from django.urls import reverse


def load_pages(setup):
    """The accessibility statement: a template and the page frame, no data; anonymous, as in
    ``make bench``."""
    setup.add("trivial page (floor)", reverse("core:accessibility"), floor=True)
