from django.urls import path, register_converter

from . import views

app_name = "exchange"


class FormatConverter:
    regex = "xlsx|csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

urlpatterns = [
    path("organisations/export.<fmt:fmt>", views.organisations_export, name="organisations-export"),
    path(
        "organisations/<slug:org>/plans/<int:plan>/export.<fmt:fmt>",
        views.plan_export,
        name="plan-export",
    ),
    path("organisations/<slug:org>/plans/import/", views.plan_import, name="plan-import"),
    path(
        "organisations/<slug:org>/plans/import/<int:preview>/",
        views.plan_import_preview,
        name="plan-import-preview",
    ),
    path(
        "organisations/<slug:org>/indicators/export.<fmt:fmt>",
        views.indicators_export,
        name="indicators-export",
    ),
]
