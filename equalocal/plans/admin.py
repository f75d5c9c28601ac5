from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPlan, Activity, Goal, GoalSet, ReferenceGoal, ReminderLog


class ReferenceGoalInline(admin.TabularInline):
    model = ReferenceGoal
    extra = 0


@admin.register(GoalSet)
class GoalSetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title_en", "title_sv", "owner"]
    search_fields = ["code", "title_en", "title_sv"]
    inlines = [ReferenceGoalInline]


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "kind", "status", "version_number", "deleted_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "commitment", "contact", "previous_version", "deleted_by"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "order"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "status", "progress", "end_date"]
    list_filter = ["status"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "goal", "responsible_person"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient", "sent_at"]
    search_fields = ["key", "recipient"]
