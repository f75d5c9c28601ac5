"""``{% cachedfragment key %}…{% endcachedfragment %}``: a part of a page kept in the cache.

The view puts the key in the context (``core.fragments.fragment_key``); an empty key renders
the part every time. See core/fragments.py for what the key must hold.
"""

from django import template

from equalocal.core.fragments import cached_fragment

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)

        def render(placeholder):
            with context.push(csrf_token=placeholder):
                return self.nodelist.render(context)

        token = context.get("csrf_token")
        return cached_fragment(key, render, csrf_token=lambda: str(token or ""))


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("cachedfragment takes one argument: the key")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[1]))
