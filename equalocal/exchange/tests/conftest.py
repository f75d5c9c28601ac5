import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language_after():
    """A request in Swedish leaves Swedish active in the thread: tests after it in the same
    worker must start from the default language again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
