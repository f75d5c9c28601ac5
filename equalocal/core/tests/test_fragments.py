"""``{% cachedfragment %}``: a part rendered once per key, with this request's CSRF token."""

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from equalocal.core.fragments import CSRF_PLACEHOLDER, cached_fragment, fragment_key

TEMPLATE = Template(
    "{% load fragments %}{% cachedfragment key %}{{ value }}"
    "<form>{% csrf_token %}</form>{% endcachedfragment %}"
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def render(key, value, token):
    return TEMPLATE.render(Context({"key": key, "value": value, "csrf_token": token}))


def test_a_part_is_rendered_once_per_key_and_shows_each_requests_token():
    key = fragment_key("test", 1, "en")
    first = render(key, "first", "token-one")
    second = render(key, "second", "token-two")
    assert "first" in first and 'value="token-one"' in first
    # Kept: the value is the first one's, the token is this request's.
    assert "first" in second and 'value="token-two"' in second
    assert CSRF_PLACEHOLDER not in first + second
    assert "second" in render(fragment_key("test", 2, "en"), "second", "token-two")


def test_without_a_key_the_part_is_rendered_every_time():
    assert "first" in render("", "first", "t")
    assert "second" in render("", "second", "t")


def test_keys_differ_for_different_parts():
    assert fragment_key("a", 1, "en") != fragment_key("a", 1, "sv")
    assert fragment_key("a", 1) != fragment_key("b", 1)


def test_keys_hold_the_active_language():
    with translation.override("en"):
        english = fragment_key("a", 1)
    with translation.override("sv"):
        assert fragment_key("a", 1) != english


def test_no_token_is_asked_for_a_part_without_a_form():
    def no_token():
        raise AssertionError("the token was asked for")

    assert cached_fragment(fragment_key("plain"), lambda placeholder: "<p>x</p>", no_token) == (
        "<p>x</p>"
    )


def test_the_tag_takes_one_key():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% cachedfragment %}x{% endcachedfragment %}")
