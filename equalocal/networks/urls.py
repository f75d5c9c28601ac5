from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("members/", views.members, name="members"),
    path("members/join/", views.member_join, name="member-join"),
    path("members/<int:membership>/leave/", views.member_leave, name="member-leave"),
    path("settings/", views.network_settings, name="settings"),
    path("groups/<slug:group>/", views.group, name="group"),
    path("groups/<slug:group>/seats/new/", views.seat_create, name="seat-create"),
    path("groups/<slug:group>/seats/<int:seat>/edit/", views.seat_edit, name="seat-edit"),
    path("groups/<slug:group>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("groups/<slug:group>/meetings/<int:meeting>/", views.meeting, name="meeting"),
    path(
        "groups/<slug:group>/meetings/<int:meeting>/calendar.ics",
        views.meeting_ics,
        name="meeting-ics",
    ),
    path(
        "groups/<slug:group>/meetings/<int:meeting>/edit/",
        views.meeting_edit,
        name="meeting-edit",
    ),
    path(
        "groups/<slug:group>/meetings/<int:meeting>/decisions/new/",
        views.decision_add,
        name="decision-add",
    ),
    path("groups/<slug:group>/matrix/edit/", views.matrix_edit, name="matrix-edit"),
    path("groups/<slug:group>/matrix.xlsx", views.matrix_export, name="matrix-export"),
]
