"""The "Export" menus (and import links) this app adds to the pages whose data it exchanges.

Each page is already behind the access gate; a menu shows only what the person may use there.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action

FORMAT_LABELS = (
    ("xlsx", _("Excel (.xlsx)")),
    ("csv", _("CSV")),
    ("json", _("JSON (for machines)")),
)


def _links(name: str, kwargs: dict, query: str = "", label_suffix=None) -> list[tuple]:
    links = []
    for fmt, label in FORMAT_LABELS:
        url = reverse(name, kwargs={**kwargs, "fmt": fmt}) + (f"?{query}" if query else "")
        links.append((f"{label}{label_suffix or ''}", url))
    return links


def _menu(title, links, imports=()) -> dict:
    return {"menu_title": title, "links": links, "imports": list(imports)}


def plan_detail(request, plan) -> dict:
    kwargs = {"org": plan.organisation.slug, "plan": plan.pk}
    imports = []
    if permissions.allows(request.user, plan.organisation, Action.EDIT):
        url = reverse("exchange:plan-import", kwargs={"org": plan.organisation.slug})
        imports.append((_("Import a new version from a spreadsheet"), f"{url}?plan={plan.pk}"))
    return _menu(_("Export the plan"), _links("exchange:plan-export", kwargs), imports)


def plan_list(request, organisation) -> dict | None:
    if not permissions.allows(request.user, organisation, Action.EDIT):
        return None
    url = reverse("exchange:plan-import", kwargs={"org": organisation.slug})
    return _menu(None, [], [(_("Import a plan from a spreadsheet"), url)])


def indicator_list(request, organisation) -> dict | None:
    if organisation is None or not permissions.can_view_internal(request.user, organisation):
        return None
    kwargs = {"org": organisation.slug}
    long = _links("exchange:indicators-export", kwargs, "layout=long", _(" – one row per value"))
    wide = _links(
        "exchange:indicators-export", kwargs, "layout=wide", _(" – women and men side by side")
    )
    return _menu(_("Export the figures"), long + wide)


def organisation_list(request, _obj) -> dict:
    query = urlencode({k: v for k, v in request.GET.items() if k in {"q", "country", "kind"}})
    return _menu(_("Export the list"), _links("exchange:organisations-export", {}, query))


def network_dashboard(request, network) -> dict:
    return _menu(
        _("Export the dashboard"),
        _links("network_exchange:dashboard-export", {"org": network.slug}),
    )


def network_members(request, access) -> dict:
    imports = []
    if access.can_coordinate:
        url = reverse("network_exchange:members-import", kwargs={"org": access.network.slug})
        imports.append((_("Import members and seats from a spreadsheet"), url))
    return _menu(
        _("Export members and seats"),
        _links("network_exchange:members-export", {"org": access.network.slug}),
        imports,
    )


def network_group(request, group) -> dict:
    return _menu(
        _("Export the meetings"),
        _links(
            "network_exchange:meetings-export", {"org": group.network.slug, "group": group.slug}
        ),
    )


EXPORT_MENUS = {
    "plan_detail_actions": plan_detail,
    "plan_list_actions": plan_list,
    "indicator_list_actions": indicator_list,
    "organisation_list_actions": organisation_list,
    "network_dashboard_actions": network_dashboard,
    "network_members_actions": network_members,
    "network_group_actions": network_group,
}
