"""The public site: signatories, their map and profiles, national overviews, the feed."""

from django.urls import path

from . import views
from .feeds import SignatoriesFeed

app_name = "public"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("signatories.csv", views.directory_csv, name="directory-csv"),
    path("signatories.json", views.directory_json, name="directory-json"),
    path("map/", views.signatory_map, name="map"),
    path("feed/", SignatoriesFeed(), name="feed"),
    path("national/<slug:org>/", views.national, name="national"),
    path("<slug:org>/", views.profile, name="profile"),
]
