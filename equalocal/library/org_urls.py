"""An organisation's own practices and events: writing, review, registrants."""

from django.urls import path

from . import views

app_name = "library_org"

urlpatterns = [
    path("", views.org_library, name="index"),
    path("practices/new/", views.practice_create, name="practice-create"),
    path("practices/<int:practice>/edit/", views.practice_edit, name="practice-edit"),
    path("practices/<int:practice>/files/", views.practice_files, name="practice-files"),
    path("practices/<int:practice>/submit/", views.practice_submit, name="practice-submit"),
    path("practices/<int:practice>/review/", views.practice_review, name="practice-review"),
    path("events/new/", views.event_create, name="event-create"),
    path("events/<int:event>/edit/", views.event_edit, name="event-edit"),
    path("events/<int:event>/registrants/", views.event_registrants, name="registrants"),
    path("events/<int:event>/registrants.csv", views.event_registrants_csv, name="registrants-csv"),
]
