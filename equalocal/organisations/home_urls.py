from django.urls import path

from . import home

app_name = "home"

urlpatterns = [
    path("", home.home, name="index"),
    path("switch-organisation/", home.switch_organisation, name="switch-organisation"),
]
