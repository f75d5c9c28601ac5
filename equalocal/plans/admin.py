"""Plans in the Django admin: read-only; they change through the product's services."""

from django.contrib import admin

from equalocal.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import ActionPlan, Activity, Goal, GoalSet, ReferenceGoal, ReminderLog


class ReferenceGoalInline(ReadOnlyInline):
    model = ReferenceGoal
    extra = 0


@admin.register(GoalSet)
class GoalSetAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_en", "title_sv", "owner"]
    search_fields = ["code", "title_en", "title_sv"]
    inlines = [ReferenceGoalInline]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "kind", "status", "version_number", "deleted_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "commitment", "contact", "previous_version", "deleted_by"]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "order"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "status", "progress", "end_date"]
    list_filter = ["status"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "goal", "responsible_person"]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["key", "recipient", "sent_at"]
    search_fields = ["key", "recipient"]
