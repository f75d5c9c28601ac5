from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<slug:org>/", views.organisation_detail, name="detail"),
    path("<slug:org>/edit/", views.organisation_edit, name="edit"),
    path("<slug:org>/history/", views.organisation_history, name="history"),
    path("<slug:org>/publishing/", views.publishing_edit, name="publishing"),
    path("<slug:org>/members/", views.member_list, name="members"),
    path("<slug:org>/members/<int:membership>/role/", views.member_role, name="member-role"),
    path("<slug:org>/members/<int:membership>/remove/", views.member_remove, name="member-remove"),
    path("<slug:org>/people/new/", views.person_create, name="person-create"),
    path("<slug:org>/people/<int:person>/", views.person_detail, name="person"),
    path("<slug:org>/people/<int:person>/edit/", views.person_edit, name="person-edit"),
    path("<slug:org>/people/<int:person>/delete/", views.person_delete, name="person-delete"),
    path("<slug:org>/people/<int:person>/export/", views.person_export, name="person-export"),
    path("<slug:org>/people/<int:person>/erase/", views.person_erase, name="person-erase"),
]
