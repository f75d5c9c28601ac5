from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<int:indicator>/", views.indicator_detail, name="detail"),
    path("<int:indicator>/edit/", views.indicator_edit, name="edit"),
    path("organisations/<slug:org>/new/", views.indicator_create, name="create"),
    path("organisations/<slug:org>/scorecards/", views.scorecard_list, name="scorecards"),
    path(
        "organisations/<slug:org>/scorecards/new/",
        views.scorecard_create,
        name="scorecard-create",
    ),
    path(
        "organisations/<slug:org>/scorecards/<int:scorecard>/",
        views.scorecard_detail,
        name="scorecard",
    ),
    path(
        "organisations/<slug:org>/scorecards/<int:scorecard>/edit/",
        views.scorecard_edit,
        name="scorecard-edit",
    ),
    path(
        "organisations/<slug:org>/scorecards/<int:scorecard>/grid/",
        views.scorecard_grid,
        name="grid",
    ),
    path("organisations/<slug:org>/targets/", views.target_list, name="targets"),
    path("organisations/<slug:org>/import/", views.import_upload, name="import"),
    path("organisations/<slug:org>/imports/", views.batch_list, name="batches"),
    path("organisations/<slug:org>/imports/<int:batch>/", views.batch_detail, name="batch"),
    path(
        "organisations/<slug:org>/imports/<int:batch>/retry/",
        views.batch_retry,
        name="batch-retry",
    ),
    path("organisations/<slug:org>/proposed/", views.proposal_list, name="proposals"),
    path(
        "organisations/<slug:org>/proposed/<int:proposal>/answer/",
        views.proposal_answer,
        name="proposal-answer",
    ),
]
