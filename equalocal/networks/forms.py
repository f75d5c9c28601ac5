import dataclasses
import functools
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from equalocal.charters.models import CommitmentStatus
from equalocal.core.forms import DateInput, LockedFormMixin
from equalocal.organisations.models import Organisation, Person, Shared, SharingStatus
from equalocal.plans.models import Activity

from . import selectors
from .models import MatrixRole, Meeting, NetworkSettings, Seat


class DashboardFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Charter commitment"),
        required=False,
        choices=[
            ("", _("Any status")),
            *CommitmentStatus.choices,
            ("none", _("No commitment recorded")),
        ],
    )
    flag = forms.ChoiceField(
        label=_("Flag"),
        required=False,
        choices=[("", _("All members")), ("no_plan", _("No plan")), ("overdue", _("Overdue"))],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    sort = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=[(key, key) for name in selectors.DASHBOARD_SORTS for key in (name, f"-{name}")],
    )

    def __init__(self, *args, countries, **kwargs):
        from django_countries import countries as all_countries

        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, all_countries.name(code)) for code in countries
        ]

    def filters(self) -> dict:
        """The valid filters; a bad value is ignored rather than failing the page."""
        if not self.is_bound:
            return {"sort": "name"}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or "",
            "flag": data.get("flag") or "",
            "country": data.get("country") or "",
            "sort": data.get("sort") or "name",
        }


class MembersOnForm(forms.Form):
    on = forms.DateField(label=_("Members on"), required=False, widget=DateInput())


class MembershipJoinForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Member organisation"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    joined_on = forms.DateField(
        label=_("Member since"),
        widget=DateInput(),
        required=False,
        help_text=_("When it became a member, if known; otherwise the day it accepts."),
    )
    body = forms.ModelChoiceField(
        label=_("Group"),
        queryset=None,
        required=False,
        empty_label=_("The network itself"),
        help_text=_(
            "Leave as it is to ask for membership of the network; choose a group to place a "
            "member in it."
        ),
    )
    groups_only = forms.BooleanField(
        label=_("Ask it to take part in groups only, without joining the network"),
        required=False,
    )
    note = forms.CharField(
        label=_("Message to the organisation"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = selectors.organisations_to_invite(network)
        self.fields["body"].queryset = network.bodies.order_by("name")


class MembershipLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("e.g. “Decided by the municipal executive board”."),
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        joined_on = self.membership.joined_on
        if joined_on and left_on < joined_on:
            raise ValidationError(
                _("A member cannot leave before joining (joined on %(date)s).")
                % {"date": joined_on.isoformat()}
            )
        return left_on


def _person_label(person, *, user, contacts_shared) -> str:
    return _("%(person)s, %(organisation)s") % {
        "person": selectors.shown_person(user, person, contacts_shared=contacts_shared),
        "organisation": person.organisation.name,
    }


class SeatForm(LockedFormMixin, forms.ModelForm):
    """A seat: coordinators choose everything; a member's admin only their representative.

    People are offered by name only where ``user`` may see them (``contacts_shared``: the
    members that share their contacts with the network); others by their title, so the
    choices stay the same for everyone and only their labels differ.
    """

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Seat
        fields = ["member", "person", "role", "from_date", "to_date", "share_of_time"]
        widgets = {"from_date": DateInput(), "to_date": DateInput()}

    compared = ["person", "role", "from_date", "to_date", "share_of_time"]

    def __init__(
        self, *args, network, coordinator: bool, user, contacts_shared: frozenset[int], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.user, self.contacts_shared = user, contacts_shared
        member_ids = network.network_members.values("member_id")
        self.fields["member"].queryset = Organisation.objects.filter(pk__in=member_ids).order_by(
            "name"
        )
        people = Person.objects.select_related("organisation").order_by("name")
        if self.instance.pk:
            # A seat stays with its member organisation; only who holds it changes.
            del self.fields["member"]
            people = people.filter(organisation_id=self.instance.member_id)
        else:
            people = people.filter(organisation_id__in=member_ids)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = functools.partial(
            _person_label, user=user, contacts_shared=contacts_shared
        )
        self.fields["person"].empty_label = _("Vacant")
        if not coordinator:
            self.fields["role"].disabled = True
        self._init_lock()

    def show_conflict(self, current):
        """The comparison after a concurrent edit, with both representatives as the user may
        see them (the mixin would print their names)."""
        conflict = super().show_conflict(current)
        label = self["person"].label

        def shown(person) -> str:
            if person is None:
                return ""
            return selectors.shown_person(self.user, person, contacts_shared=self.contacts_shared)

        rows = [
            (label, shown(self.instance.person), shown(current.person))
            if row_label == label
            else (row_label, yours, theirs)
            for row_label, yours, theirs in conflict.rows
        ]
        return dataclasses.replace(conflict, rows=rows)


def _attendee_label(seat, *, user, contacts_shared) -> str:
    return _("%(person)s, %(organisation)s (%(role)s)") % {
        "person": selectors.shown_person(user, seat.person, contacts_shared=contacts_shared),
        "organisation": seat.member.name,
        "role": seat.get_role_display(),
    }


class MeetingForm(forms.ModelForm):
    """A meeting and who attended; attendees are named only where ``user`` may see them."""

    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "An attendee you chose is not a representative in this group: "
                "attendees are chosen from the group's seats."
            ),
            "invalid_pk_value": _("Choose attendees from the list."),
        },
    )

    class Meta:
        model = Meeting
        fields = [
            "date",
            "start_time",
            "end_time",
            "status",
            "host",
            "place",
            "online_url",
            "agenda",
            "minutes",
            "minutes_url",
            "attendees",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, body, user, contacts_shared: frozenset[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (
            body.seats.filter(person__isnull=False)
            .select_related("member", "person")
            .order_by("member__name", "pk")
        )
        self.fields["attendees"].label_from_instance = functools.partial(
            _attendee_label, user=user, contacts_shared=contacts_shared
        )
        self.fields["host"].queryset = Organisation.objects.filter(
            pk__in=body.network.network_members.values("member_id")
        ).order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["attendees"] = list(self.instance.attendees.values_list("pk", flat=True))


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    activity = forms.ModelChoiceField(
        label=_("Plan activity (optional)"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Choose an activity of the group's plan.")},
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        activities = Activity.objects.none()
        if body.plan_id:
            activities = Activity.objects.filter(plan_id=body.plan_id).order_by("order", "pk")
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: f"{a.order}. {a.title}"


def seat_label(seat, *, user, contacts_shared: frozenset[int]) -> str:
    if seat.person is None:
        return _("%(organisation)s (vacant)") % {"organisation": seat.member.name}
    return _("%(organisation)s: %(person)s") % {
        "organisation": seat.member.name,
        "person": selectors.shown_person(user, seat.person, contacts_shared=contacts_shared),
    }


class MatrixForm(forms.Form):
    """One select per cell: the role of a seat for a body; the matrix version as a lock.

    Each select's label names the seat's representative only where ``user`` may see them.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    # The cells as they were when the form was opened, so a conflict can be merged.
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        matrix: "selectors.Matrix",
        user,
        contacts_shared: frozenset[int],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        self.fields["expected_version"].initial = matrix.version
        self.fields["original"].initial = self._encode(matrix)
        choices = [("", "—"), *MatrixRole.choices]
        for row in matrix.rows:
            for seat in matrix.seats:
                name = self.cell_name(row.pk, seat.pk)
                self.fields[name] = forms.ChoiceField(
                    label=_("Role of %(seat)s for %(body)s")
                    % {
                        "seat": seat_label(seat, user=user, contacts_shared=contacts_shared),
                        "body": row.name,
                    },
                    choices=choices,
                    required=False,
                    initial=matrix.cells.get((row.pk, seat.pk), ""),
                )

    @staticmethod
    def cell_name(row_id: int, seat_id: int) -> str:
        return f"cell_{row_id}_{seat_id}"

    def grid(self):
        """Each row body with the bound fields of its cells, in column order."""
        return [
            (row, [self[self.cell_name(row.pk, seat.pk)] for seat in self.matrix.seats])
            for row in self.matrix.rows
        ]

    def cells(self) -> list[tuple[int, int, str]]:
        return [
            (row.pk, seat.pk, self.cleaned_data.get(self.cell_name(row.pk, seat.pk)) or "")
            for row in self.matrix.rows
            for seat in self.matrix.seats
        ]

    def _encode(self, matrix) -> str:
        return json.dumps(
            {self.cell_name(row, seat): role for (row, seat), role in matrix.cells.items() if role}
        )

    def rebase(self, current: "selectors.Matrix") -> int:
        """After a conflict: put this person's changes on top of the current matrix.

        A cell this person changed keeps their value; every other cell takes the value
        the other coordinator saved. Returns how many of this person's changes were kept.
        """
        try:
            original = json.loads(self.data.get("original") or "{}")
        except ValueError:
            original = {}
        data = self.data.copy()
        kept = 0
        for row in current.rows:
            for seat in current.seats:
                name = self.cell_name(row.pk, seat.pk)
                mine = self.cleaned_data.get(name) or ""
                if mine != original.get(name, ""):
                    data[name] = mine
                    kept += 1
                else:
                    data[name] = current.cells.get((row.pk, seat.pk), "")
        data["expected_version"] = str(current.version)
        data["original"] = self._encode(current)
        self.data = data
        return kept


class NetworkSettingsForm(forms.ModelForm):
    class Meta:
        model = NetworkSettings
        fields = ["dashboard_visibility"]
        widgets = {"dashboard_visibility": forms.RadioSelect}


class SharingForm(forms.Form):
    """What a member lets a network see, besides what it makes public."""

    shares = forms.MultipleChoiceField(
        label=_("What this network may see"),
        choices=Shared.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Besides what your organisation makes public. You can change this at any time; the "
            "network never changes your data."
        ),
    )

    def __init__(self, *args, sharing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sharing is not None and sharing.status == SharingStatus.ACCEPTED:
            self.fields["shares"].initial = [what for what in Shared if sharing.shares(what)]
        else:
            self.fields["shares"].initial = [Shared.COMMITMENT]


class NetworkLeaveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("e.g. “Decided by the municipal executive board”."),
    )
