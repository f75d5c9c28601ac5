from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.plan_create, name="create"),
    path("bin/", views.plan_bin, name="bin"),
    path("goal-sets/", views.goal_sets, name="goal-sets"),
    path("goal-sets/new/", views.goal_set_create, name="goal-set-create"),
    path("goal-sets/<int:goal_set>/edit/", views.goal_set_edit, name="goal-set-edit"),
    path("<int:plan>/", views.plan_detail, name="detail"),
    path("<int:plan>/edit/", views.plan_edit, name="edit"),
    path("<int:plan>/delete/", views.plan_delete, name="delete"),
    path("<int:plan>/restore/", views.plan_restore, name="restore"),
    path("<int:plan>/new-version/", views.plan_new_version, name="new-version"),
    path("<int:plan>/compare/", views.plan_compare, name="compare"),
    path("<int:plan>/timeline/", views.plan_timeline, name="timeline"),
    path("<int:plan>/coverage/", views.plan_coverage, name="coverage"),
    path("<int:plan>/consultations/new/", views.consultation_add, name="consultation-add"),
    path("<int:plan>/bulk-status/", views.bulk_status, name="bulk-status"),
    path("<int:plan>/goals/new/", views.goal_create, name="goal-create"),
    path("<int:plan>/goals/<int:goal>/edit/", views.goal_edit, name="goal-edit"),
    path("<int:plan>/goals/<int:goal>/delete/", views.goal_delete, name="goal-delete"),
    path("<int:plan>/activities/new/", views.activity_create, name="activity-create"),
    path("<int:plan>/activities/<int:activity>/", views.activity_detail, name="activity"),
    path("<int:plan>/activities/<int:activity>/edit/", views.activity_edit, name="activity-edit"),
    path(
        "<int:plan>/activities/<int:activity>/delete/",
        views.activity_delete,
        name="activity-delete",
    ),
    path(
        "<int:plan>/activities/<int:activity>/progress/",
        views.activity_progress,
        name="activity-progress",
    ),
]
