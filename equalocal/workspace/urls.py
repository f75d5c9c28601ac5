from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("my-work/", views.my_work, name="my-work"),
    path("my-work/notifications/", views.notifications, name="notifications"),
]
