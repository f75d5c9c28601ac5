from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from equalocal.charters.models import Commitment
from equalocal.core.forms import DateInput, LockedFormMixin

from . import selectors
from .models import (
    ACTIVITY_EDITABLE_FIELDS,
    DEFAULT_PROGRESS,
    PLAN_EDITABLE_FIELDS,
    ActionPlan,
    Activity,
    ActivityStatus,
    Consultation,
    Goal,
    GoalSet,
)

PROGRESS_ERRORS = {
    "min_value": _("Progress is a percentage from 0 to 100."),
    "max_value": _("Progress is a percentage from 0 to 100."),
    "invalid": _("Enter the progress as a whole number from 0 to 100."),
}


class GroupedBoundField(forms.BoundField):
    @property
    def groups(self):
        """[(group label, [checkbox subwidgets])] in the order of the field's grouped choices."""
        widgets = list(self.subwidgets)
        choices = list(self.field.choices)
        if not all(isinstance(options, list | tuple) for _label, options in choices):
            return [("", widgets)] if widgets else []
        groups, index = [], 0
        for label, options in choices:
            groups.append((label, widgets[index : index + len(options)]))
            index += len(options)
        return groups


class GroupedChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes in fieldsets by group (Charter sections, goal sets); see ``group_by``."""

    widget = forms.CheckboxSelectMultiple
    bound_field_class = GroupedBoundField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("template_name", "plans/includes/choice_groups.html")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.title}"

    def group_by(self, key, *, first=(), first_label=""):
        """Group the choices by ``key(obj)``; validation still uses the queryset.

        The objects in ``first`` (e.g. a plan's priority articles) come before the others, in
        a group of their own named ``first_label``, and not again in their usual group.
        """
        first = set(first)
        groups: dict[str, list] = {str(first_label): []} if first else {}
        for obj in self.queryset:
            label = first_label if obj.pk in first else key(obj)
            groups.setdefault(str(label), []).append((obj.pk, self.label_from_instance(obj)))
        self.choices = [(label, options) for label, options in groups.items() if options]


def _article_group(article):
    return f"{article.charter.year} · {article.section.title}"


def _section(article):
    return article.section.title


def _goal_set(goal):
    return goal.goal_set.title


def _group_plan_articles(field, plan):
    """The plan's articles by Charter section, its priority articles first as their own group."""
    field.group_by(
        _section,
        first=[article.pk for article in selectors.plan_priorities(plan)],
        first_label=_("The plan's priorities"),
    )


class PlanForm(LockedFormMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    priorities = GroupedChoiceField(
        queryset=None, required=False, label=_("Priorities (Charter articles)")
    )
    reference_goals = GroupedChoiceField(
        queryset=None, required=False, label=_("Higher-level goals")
    )

    class Meta:
        model = ActionPlan
        fields = PLAN_EDITABLE_FIELDS
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "adopted_on": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "field_of_work": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "currency": _("Three-letter code, e.g. SEK or EUR."),
            "is_published": _("Published plans can be read by anyone."),
        }

    compared = Meta.fields

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["commitment"].queryset = Commitment.objects.filter(
            organisation=organisation
        ).select_related("organisation", "charter")
        self.fields["commitment"].label_from_instance = lambda c: (
            _("Charter %(year)s (%(status)s)")
            % {"year": c.charter.year, "status": c.get_status_display()}
        )
        if self.instance.pk is None and self.instance.commitment_id is None:
            # A new plan is for the organisation's commitment when it has only one.
            only = list(self.fields["commitment"].queryset.exclude(status="withdrawn")[:2])
            if len(only) == 1:
                self.initial["commitment"] = only[0].pk
        self.fields["contact"].queryset = organisation.people.order_by("name")
        charter = self._charter(organisation)
        self.fields["priorities"].queryset = selectors.charter_articles(charter)
        # An article of another text is not among the choices: say which text it must be.
        self.fields["priorities"].error_messages["invalid_choice"] = _(
            "Choose articles of the Charter text of the plan (%(year)s)."
        ) % {"year": charter.year if charter is not None else ""}
        self.fields["reference_goals"].queryset = selectors.reference_goals_for(organisation)
        self.fields["priorities"].group_by(_article_group)
        self.fields["reference_goals"].group_by(_goal_set)
        self._add_goal_texts()
        self._init_lock()

    def _add_goal_texts(self):
        """A text per higher-level goal the saved plan works for: its purpose against it."""
        self.goal_text_names = []
        if not self.instance.pk:
            return
        texts = {t.reference_goal_id: t.text for t in self.instance.goal_texts.all()}
        for goal in self.instance.reference_goals.select_related("goal_set").order_by(
            "goal_set__code", "number"
        ):
            name = f"goal_text_{goal.pk}"
            self.fields[name] = forms.CharField(
                label=_("What the plan does for “%(goal)s”") % {"goal": goal.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=texts.get(goal.pk, ""),
            )
            self.goal_text_names.append((goal.pk, name))

    @property
    def goal_text_fields(self):
        return [self[name] for _pk, name in self.goal_text_names]

    def goal_texts(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(name, "") for pk, name in self.goal_text_names}

    def _charter(self, organisation):
        """The Charter text whose articles the plan prioritises: its commitment's (the one
        chosen in the form, else the saved one, else the organisation's active one), or the
        current text."""
        chosen = self.data.get(self.add_prefix("commitment")) if self.is_bound else None
        commitment = None
        if chosen and str(chosen).isdigit():
            commitment = self.fields["commitment"].queryset.filter(pk=chosen).first()
        if commitment is None and self.instance.commitment_id:
            commitment = self.instance.commitment
        if commitment is None:
            commitment = (
                self.fields["commitment"]
                .queryset.exclude(status="withdrawn")
                .order_by("-charter__year")
                .first()
            )
        return commitment.charter if commitment is not None else None

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise ValidationError(_("Enter a three-letter currency code, e.g. SEK or EUR."))
        return currency

    def clean(self):
        cleaned = super().clean()
        commitment, priorities = cleaned.get("commitment"), cleaned.get("priorities")
        if priorities:
            if commitment is not None:
                wrong = [a for a in priorities if a.charter_id != commitment.charter_id]
                text = commitment.charter.year
            else:
                wrong = [a for a in priorities if not a.charter.is_current]
                text = next(
                    (
                        a.charter.year
                        for a in self.fields["priorities"].queryset
                        if a.charter.is_current
                    ),
                    "",
                )
            if wrong:
                self.add_error(
                    "priorities",
                    _("Choose articles of the Charter text of the plan (%(year)s).")
                    % {"year": text},
                )
        return cleaned


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["date", "consulted", "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}


class GoalForm(forms.ModelForm):
    articles = GroupedChoiceField(queryset=None, required=False, label=_("Charter articles"))
    reference_goals = GroupedChoiceField(
        queryset=None, required=False, label=_("Higher-level goals")
    )

    class Meta:
        model = Goal
        fields = ["order", "title", "description", "articles", "reference_goals"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"order": _("Number")}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = selectors.plan_articles(plan)
        self.fields["reference_goals"].queryset = selectors.reference_goals_for(plan.organisation)
        _group_plan_articles(self.fields["articles"], plan)
        self.fields["reference_goals"].group_by(_goal_set)
        if self.instance.pk is None:
            self.initial["order"] = plan.goals.count() + 1


class ActivityForm(LockedFormMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages=PROGRESS_ERRORS,
        help_text=_(
            "Leave empty to use the status's usual figure (planned 0, in progress 50, done 100)."
        ),
    )
    articles = GroupedChoiceField(queryset=None, required=False, label=_("Charter articles"))
    note = forms.CharField(
        label=_("Note for the progress timeline (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Activity
        fields = ACTIVITY_EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 2}),
            "timing": forms.RadioSelect,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "completed_on": DateInput(),
            "next_review_on": DateInput(),
        }
        labels = {"order": _("Number")}
        help_texts = {
            "responsible_unit": _("A unit or free text, e.g. “HR department”."),
            "completed_on": _("Filled in with today's date when the status becomes done."),
        }

    compared = [name for name in Meta.fields if name != "order"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["responsible_person"].queryset = plan.organisation.people.order_by("name")
        self.fields["articles"].queryset = selectors.plan_articles(plan)
        _group_plan_articles(self.fields["articles"], plan)
        if self.instance.pk is None:
            self.initial["order"] = plan.activities.count() + 1
            self.initial["progress"] = None
        self._init_lock()

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if cleaned.get("progress") is None and status:
            if self.instance.pk and status == self.instance.status:
                cleaned["progress"] = self.instance.progress
            else:
                cleaned["progress"] = DEFAULT_PROGRESS[ActivityStatus(status)]
        return cleaned


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages=PROGRESS_ERRORS,
        help_text=_("Leave empty to use the usual figure of a new status."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BulkStatusForm(forms.Form):
    activities = forms.ModelMultipleChoiceField(
        queryset=None,
        error_messages={
            "required": _("Select at least one activity."),
            "invalid_choice": _("An activity you selected is no longer in the plan."),
        },
    )
    status = forms.ChoiceField(label=_("New status"), choices=ActivityStatus.choices)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = plan.activities.only("id")


class ActivityFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ActivityStatus.choices],
    )
    goal = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None)
    article = forms.TypedChoiceField(
        label=_("Charter article"), required=False, coerce=int, empty_value=None
    )
    responsible = forms.ChoiceField(label=_("Responsible"), required=False)
    sort = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[(key, key) for key in selectors.SORTS]
    )

    def __init__(self, *args, goals, articles, responsible_names, status_visible=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not status_visible:
            # No filter or sort by what the viewer may not see (selectors.progress_visible).
            del self.fields["status"]
            self.fields["sort"].choices = [
                (key, key) for key in selectors.SORTS if key not in selectors.PROGRESS_SORTS
            ]
        self.fields["goal"].choices = [("", _("All goals"))] + [
            (goal.pk, f"{goal.order}. {goal.title}") for goal in goals
        ]
        self.fields["article"].choices = [("", _("All articles"))] + [
            (article.number, f"{article.number}. {article.title}") for article in articles
        ]
        self.fields["responsible"].choices = [("", _("Anyone"))] + [
            (name, name) for name in responsible_names
        ]

    def filters(self) -> dict:
        """The valid filters; a bad value is ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or "",
            "goal": data.get("goal"),
            "article": data.get("article"),
            "responsible": data.get("responsible") or "",
            "sort": data.get("sort") or "order",
        }


class CompareForm(forms.Form):
    other = forms.TypedChoiceField(label=_("Compare with version"), coerce=int)

    def __init__(self, *args, versions, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [
            (version.pk, version.choice_label) for version in versions if version.pk != plan.pk
        ]


class GoalSetForm(forms.ModelForm):
    goals = forms.CharField(
        label=_("Goals, one per line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("They are numbered in this order; plans and goals can then refer to them."),
    )

    class Meta:
        model = GoalSet
        fields = ["title_en", "title_sv"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["goals"] = "\n".join(goal.title for goal in self.instance.goals.all())

    def goal_titles(self) -> list[str]:
        return self.cleaned_data["goals"].splitlines()
