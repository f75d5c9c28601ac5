"""The public pages of networks and their groups: no sign-in."""

from django.urls import path

from . import views

app_name = "public_networks"

urlpatterns = [
    path("<slug:org>/", views.public_network, name="network"),
    path("<slug:org>/<slug:group>/", views.public_group, name="group"),
]
