"""An Atom feed of new signatures and adopted plans, as organisations publish them."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors


class SignatoriesFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("public:directory")

    def title(self):
        return _("New Charter signatures and action plans")

    def subtitle(self):
        return _(
            "Signatures of the European Charter for Equality of Women and Men in Local Life "
            "and adopted action plans, as the organisations publish them."
        )

    def items(self):
        return selectors.feed_entries()

    def item_title(self, item):
        if item.kind == "signature":
            return _("%(organisation)s signed the Charter (%(year)s text)") % {
                "organisation": item.organisation.name,
                "year": item.title,
            }
        return _("%(organisation)s adopted “%(plan)s”") % {
            "organisation": item.organisation.name,
            "plan": item.title,
        }

    def item_description(self, item):
        return self.item_title(item)

    def item_link(self, item):
        return reverse("public:profile", kwargs={"org": item.link}) + f"#{item.key}"

    def item_guid(self, item):
        return item.key

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.day, time(12)))

    def item_updateddate(self, item):
        return self.item_pubdate(item)
