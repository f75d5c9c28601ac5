"""The public library: practices, publications and events; no sign-in."""

from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("practices/<int:practice>/", views.practice_detail, name="practice"),
    path(
        "practices/<int:practice>/files/<int:attachment>/",
        views.attachment_download,
        name="attachment",
    ),
    path("publications/", views.publication_list, name="publications"),
    path("publications/<int:publication>/", views.publication_detail, name="publication"),
    path("events/", views.event_list, name="events"),
    path("events/<int:event>/", views.event_detail, name="event"),
    path("events/<int:event>/calendar.ics", views.event_ics, name="event-ics"),
    path(
        "events/<int:event>/cancel/<str:key>/",
        views.registration_cancel,
        name="registration-cancel",
    ),
]
