from django.urls import path

from . import views

app_name = "charters"

urlpatterns = [
    path("", views.charter_index, name="index"),
    path("organisations/<slug:org>/commitments/", views.commitment_list, name="commitments"),
    path(
        "organisations/<slug:org>/commitments/new/",
        views.commitment_create,
        name="commitment-create",
    ),
    path(
        "organisations/<slug:org>/commitments/<int:commitment>/",
        views.commitment_detail,
        name="commitment",
    ),
    path(
        "organisations/<slug:org>/commitments/<int:commitment>/edit/",
        views.commitment_edit,
        name="commitment-edit",
    ),
    path(
        "organisations/<slug:org>/commitments/<int:commitment>/steps/new/",
        views.commitment_step,
        name="commitment-step",
    ),
    path("<slug:charter>/", views.charter_text, name="text"),
    path("<slug:charter>/articles/<int:number>/", views.article_detail, name="article"),
]
