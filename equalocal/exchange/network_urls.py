"""A network's exports and imports, under the network's own address."""

from django.urls import path

from . import urls as _converters  # noqa: F401 - registers the ``fmt`` converter
from . import views

app_name = "network_exchange"

urlpatterns = [
    path("export/members.<fmt:fmt>", views.members_export, name="members-export"),
    path("export/dashboard.<fmt:fmt>", views.dashboard_export, name="dashboard-export"),
    path("groups/<slug:group>/meetings.<fmt:fmt>", views.meetings_export, name="meetings-export"),
    path("import/", views.members_import, name="members-import"),
    path("import/<int:preview>/", views.members_import_preview, name="members-import-preview"),
]
