from django.urls import path

from . import memberships

app_name = "memberships"

urlpatterns = [
    path("", memberships.sharing_list, name="index"),
    path("<int:sharing>/answer/", memberships.sharing_answer, name="answer"),
    path("<int:sharing>/sharing/", memberships.sharing_update, name="update"),
    path("<int:sharing>/leave/", memberships.sharing_leave, name="leave"),
]
