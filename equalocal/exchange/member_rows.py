"""A network's members and seats as a table: the export's columns, and reading it back.

One row per membership of the network, per membership of one of its groups, and per seat.
An imported row asks, joins or seats under the network's consent rules: an organisation
that has not accepted membership gets a request its admins answer; only members join a
group or get a seat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equalocal.networks import services as network_services
from equalocal.networks.models import Body, NetworkMembership, Seat, SeatRole
from equalocal.networks.selectors import active_on
from equalocal.organisations import permissions
from equalocal.organisations.models import NetworkSharing, Organisation, Person, SharingStatus

from .columns import (
    Column,
    RowErrors,
    choice_words,
    find_header,
    heading_key,
    label_of,
    parse_date,
)

MEMBER_COLUMNS = [
    Column(
        "organisation",
        gettext_lazy("Organisation"),
        ("organization", "member", "medlem", "kommun", "municipality", "name", "namn"),
    ),
    Column(
        "official_code",
        gettext_lazy("Official code"),
        ("code", "kod", "kommunkod", "organisation code", "organisationskod"),
    ),
    Column("country", gettext_lazy("Country"), ("land",)),
    Column("group", gettext_lazy("Group"), ("body", "working group", "arbetsgrupp", "grupp")),
    Column("joined_on", gettext_lazy("Joined on"), ("joined", "gick med", "medlem sedan")),
    Column("role", gettext_lazy("Seat"), ("seat role", "roll", "role", "plats")),
    Column(
        "representative",
        gettext_lazy("Representative"),
        ("person", "representant", "ledamot", "företrädare"),
    ),
    Column("from_date", gettext_lazy("Seat from"), ("from", "från")),
]

REQUEST, JOIN, SEAT, UNCHANGED = "request", "join", "seat", "unchanged"


def outcome_label(outcome: str) -> str:
    return {
        REQUEST: _("asked to join (its admins answer)"),
        JOIN: _("joins the group"),
        SEAT: _("gets a seat"),
        UNCHANGED: _("already so: nothing changes"),
    }[outcome]


# Export ---------------------------------------------------------------------------------------


def member_export_rows(network, *, user, today: date, contacts_shared: frozenset[int]) -> list:
    """Current memberships of the network and its groups, then the groups' current seats.

    Representatives are named only where ``user`` may see them (the gate's
    ``can_see_person`` with the members that share their contacts); otherwise by title.
    """
    memberships = active_on(
        NetworkMembership.objects.filter(network=network).select_related("member", "body"), today
    ).order_by("member__name", "pk")
    rows = []
    # The network's own members first, then each group's.
    for membership in sorted(
        memberships, key=lambda m: (m.body is not None, m.body.name if m.body else "")
    ):
        member = membership.member
        rows.append(
            [
                member.name,
                member.official_code,
                str(member.country),
                membership.body.name if membership.body else "",
                membership.joined_on,
                "",
                "",
                None,
            ]
        )
    seats = (
        Seat.objects.filter(body__network=network)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .select_related("body", "member", "person")
        .order_by("body__name", "member__name", "role", "pk")
    )
    for seat in seats:
        person = seat.person
        if person is None:
            representative = ""
        elif permissions.can_see_person(user, person, shared_with=contacts_shared):
            representative = person.name
        else:
            representative = person.title or str(_("representative"))
        rows.append(
            [
                seat.member.name,
                seat.member.official_code,
                str(seat.member.country),
                seat.body.name,
                None,
                str(seat.get_role_display()),
                representative,
                seat.from_date,
            ]
        )
    return rows


# Import ---------------------------------------------------------------------------------------


@dataclass
class MemberRows(RowErrors):
    rows: list[dict] = field(default_factory=list)


def _label(key: str) -> str:
    return label_of(MEMBER_COLUMNS, key)


def _organisations(names: set[str], codes: set[str]) -> tuple[dict, dict]:
    by_name: dict[str, list[Organisation]] = {}
    by_code: dict[tuple[str, str], Organisation] = {}
    found = Organisation.objects.filter(
        Q(name__in=names) | Q(official_code__in=codes) if codes else Q(name__in=names)
    )
    for organisation in found:
        by_name.setdefault(organisation.name.casefold(), []).append(organisation)
        if organisation.official_code:
            by_code[(organisation.official_code, str(organisation.country))] = organisation
    # Names differ in case between sheets: look the rest up one by one (rare).
    for name in names:
        if name.casefold() not in by_name:
            by_name[name.casefold()] = list(Organisation.objects.filter(name__iexact=name))
    return by_name, by_code


def read_member_rows(rows: list[tuple[int, list]], *, network, user, today: date) -> MemberRows:
    """Check a member table against the network as it is now; nothing is written.

    Each valid row gets the outcome confirming would have (``request``, ``join``, ``seat``
    or ``unchanged``). Rows the consent rules do not allow are errors that say why.

    A representative is matched by name only among the people ``user`` may see (the gate's
    ``can_see_person``, with the members that share their contacts with the network). In an
    organisation whose people the user may not see, a name that matches nobody visible gets
    one message whether or not someone of that name works there, so the preview says nothing
    about who does.
    """
    header, body = find_header(rows, MEMBER_COLUMNS, required=["organisation"])
    result = MemberRows()

    def text(cells, key):
        value = header.get(cells, key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    names = {text(cells, "organisation") for _n, cells in body} - {""}
    codes = {text(cells, "official_code") for _n, cells in body} - {""}
    by_name, by_code = _organisations(names, codes)
    found_ids = {org.pk for orgs in by_name.values() for org in orgs}
    contacts_shared = permissions.contacts_shared_with(
        network, found_ids | {org.pk for org in by_code.values()}
    )
    groups = {}
    for group in Body.objects.filter(network=network):
        groups[heading_key(group.name)] = group
        groups[heading_key(group.slug)] = group
    roles = choice_words(SeatRole.choices)
    consent = {
        row.member_id: row.status
        for row in NetworkSharing.objects.filter(
            network=network, status__in=[SharingStatus.PENDING, SharingStatus.ACCEPTED]
        )
    }
    current = set(
        active_on(NetworkMembership.objects.filter(network=network), today).values_list(
            "member_id", "body_id"
        )
    )
    seats = set(
        Seat.objects.filter(body__network=network)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .values_list("body_id", "member_id", "role", "person_id")
    )
    seen: dict[tuple, int] = {}
    planned_groups: set[tuple[int, int]] = set()
    for number, cells in body:
        name, code = text(cells, "organisation"), text(cells, "official_code")
        country = text(cells, "country").upper()[:2]
        before = result.error_count
        member = None
        if code and country and (code, country) in by_code:
            member = by_code[(code, country)]
        elif name:
            matches = by_name.get(name.casefold(), [])
            if country:
                matches = [m for m in matches if str(m.country) == country] or matches
            if len(matches) == 1:
                member = matches[0]
            elif len(matches) > 1:
                result.error(
                    number,
                    _label("organisation"),
                    _("Several organisations are called “%(name)s”: add the official code.")
                    % {"name": name},
                )
        if member is None and result.error_count == before:
            result.error(
                number,
                _label("organisation"),
                _("No organisation “%(name)s” is known: add it to the directory first.")
                % {"name": name or code},
            )
        group_text, role_text = text(cells, "group"), text(cells, "role")
        group = None
        if group_text:
            group = groups.get(heading_key(group_text))
            if group is None:
                result.error(
                    number,
                    _label("group"),
                    _("%(network)s has no group “%(group)s”.")
                    % {"network": network.name, "group": group_text},
                )
        role = roles.get(heading_key(role_text)) if role_text else None
        if role_text and role is None:
            result.error(
                number,
                _label("role"),
                _("“%(value)s” is not a seat. Use one of: %(choices)s.")
                % {
                    "value": role_text,
                    "choices": ", ".join(str(label) for _v, label in SeatRole.choices),
                },
            )
        if role_text and not group_text:
            result.error(number, _label("group"), _("A seat needs the group it is in."))
        dates = {}
        for key in ("joined_on", "from_date"):
            try:
                dates[key] = parse_date(header.get(cells, key))
            except ValueError as bad:
                dates[key] = None
                result.error(
                    number,
                    _label(key),
                    _("“%(value)s” is not a date: write it as 2024-03-31.") % {"value": bad},
                )
        person = None
        unmatched = None
        representative = text(cells, "representative")
        if representative and member is not None:
            person = _visible_person(member, representative, user, contacts_shared)
            sees_everyone = member.pk in contacts_shared or permissions.can_view_internal(
                user, member
            )
            if person is None and not sees_everyone:
                # The same for someone who works there and for a name that is nobody's.
                unmatched = representative.casefold()
                result.error(
                    number,
                    _label("representative"),
                    _(
                        "%(member)s does not share its contacts with %(network)s, so a "
                        "representative cannot be matched by name: leave the cell empty for a "
                        "vacant seat, and its admins choose the person."
                    )
                    % {"member": member.name, "network": network.name},
                )
            elif person is None:
                result.error(
                    number,
                    _label("representative"),
                    _(
                        "%(member)s has nobody called “%(person)s”: add the person to the "
                        "organisation first, or leave the cell empty for a vacant seat."
                    )
                    % {"member": member.name, "person": representative},
                )
        key = (
            member.pk if member else name,
            group.pk if group else None,
            role,
            person.pk if person else unmatched,
        )
        if key in seen:
            result.error(
                number,
                _label("organisation"),
                _("This row repeats row %(row)s: remove one of them.") % {"row": seen[key]},
            )
        seen.setdefault(key, number)
        if member is not None and member.pk == network.pk:
            result.error(
                number, _label("organisation"), _("A network cannot be a member of itself.")
            )
        if result.error_count != before:
            continue
        outcome = _outcome(
            member=member,
            group=group,
            role=role,
            person=person,
            consent=consent,
            current=current,
            seats=seats,
            planned_groups=planned_groups,
        )
        if isinstance(outcome, tuple):
            result.error(number, _label(outcome[0]), outcome[1])
            continue
        if outcome == JOIN:
            planned_groups.add((member.pk, group.pk))
        result.rows.append(
            {
                "row": number,
                "member": member.pk,
                "member_name": member.name,
                "group": group.pk if group else None,
                "group_name": group.name if group else "",
                "role": role or "",
                "role_label": role_text if role else "",
                "person": person.pk if person else None,
                "representative": representative,
                "joined_on": dates["joined_on"].isoformat() if dates["joined_on"] else None,
                "from_date": dates["from_date"].isoformat() if dates["from_date"] else None,
                "outcome": outcome,
            }
        )
    if not result.rows and not result.errors:
        result.error(header.row, "", _("The sheet has a heading row but no members below it."))
    return result


def _visible_person(member, name: str, user, contacts_shared: frozenset[int]) -> Person | None:
    """The member's person called ``name`` whom ``user`` may see, or None."""
    people = Person.objects.filter(organisation=member, name__iexact=name)
    return next(
        (p for p in people if permissions.can_see_person(user, p, shared_with=contacts_shared)),
        None,
    )


def _outcome(*, member, group, role, person, consent, current, seats, planned_groups):
    """What a row would do, or (column, message) when the consent rules do not allow it."""
    in_network = (member.pk, None) in current
    if role:
        if (group.pk, member.pk, role, person.pk if person else None) in seats:
            return UNCHANGED
        in_group = (member.pk, group.pk) in current or (member.pk, group.pk) in planned_groups
        if not (in_network or in_group):
            return (
                "organisation",
                _("%(member)s is not a member yet: it gets a seat once its membership is accepted.")
                % {"member": member.name},
            )
        return SEAT
    if group is not None:
        if (member.pk, group.pk) in current:
            return UNCHANGED
        if consent.get(member.pk) != SharingStatus.ACCEPTED or not in_network:
            return (
                "organisation",
                _(
                    "%(member)s is not a member of the network yet: a row without a group "
                    "asks it to join; it joins the group once its admins accept."
                )
                % {"member": member.name},
            )
        return JOIN
    if in_network or consent.get(member.pk) == SharingStatus.PENDING:
        return UNCHANGED
    return REQUEST


def apply_member_rows(rows: list[dict], *, network, by, today: date, site_url: str) -> dict:
    """Carry out checked rows through the networks services; the counts by outcome."""
    counts = {REQUEST: 0, JOIN: 0, SEAT: 0, UNCHANGED: 0}
    members = Organisation.objects.in_bulk([row["member"] for row in rows])
    groups = Body.objects.in_bulk([row["group"] for row in rows if row["group"]])
    for row in rows:
        member = members[row["member"]]
        outcome = row["outcome"]
        joined_on = date.fromisoformat(row["joined_on"]) if row["joined_on"] else None
        if outcome == REQUEST:
            network_services.membership_request(
                network=network, member=member, by=by, joined_on=joined_on, site_url=site_url
            )
        elif outcome == JOIN:
            network_services.membership_join(
                network=network,
                member=member,
                body=groups[row["group"]],
                joined_on=joined_on,
                by=by,
            )
        elif outcome == SEAT:
            network_services.seat_save(
                seat=Seat(
                    body=groups[row["group"]],
                    member=member,
                    person_id=row["person"],
                    role=row["role"],
                    from_date=date.fromisoformat(row["from_date"]) if row["from_date"] else None,
                ),
                by=by,
            )
        counts[outcome] += 1
    return counts
