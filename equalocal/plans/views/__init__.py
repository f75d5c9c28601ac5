"""The plans pages, by subject: the dashboard and plan pages, goals, activities, goal sets."""

from .activities import (
    activity_create,
    activity_delete,
    activity_detail,
    activity_edit,
    activity_progress,
)
from .goals import goal_create, goal_delete, goal_edit, goal_set_create, goal_set_edit, goal_sets
from .plans import (
    bulk_status,
    consultation_add,
    dashboard,
    plan_bin,
    plan_compare,
    plan_coverage,
    plan_create,
    plan_delete,
    plan_detail,
    plan_edit,
    plan_list,
    plan_new_version,
    plan_restore,
    plan_timeline,
)

__all__ = [
    "activity_create",
    "activity_delete",
    "activity_detail",
    "activity_edit",
    "activity_progress",
    "bulk_status",
    "consultation_add",
    "dashboard",
    "goal_create",
    "goal_delete",
    "goal_edit",
    "goal_set_create",
    "goal_set_edit",
    "goal_sets",
    "plan_bin",
    "plan_compare",
    "plan_coverage",
    "plan_create",
    "plan_delete",
    "plan_detail",
    "plan_edit",
    "plan_list",
    "plan_new_version",
    "plan_restore",
    "plan_timeline",
]
