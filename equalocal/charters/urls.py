from django.urls import path

from . import views

app_name = "charters"

urlpatterns = [
    path("", views.charter_index, name="index"),
    path("<slug:charter>/", views.charter_text, name="text"),
]
