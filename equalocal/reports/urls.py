from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:report>/", views.report_detail, name="detail"),
    path("<int:report>/status/", views.report_status, name="status"),
    path("<int:report>/report.pdf", views.report_pdf, name="pdf"),
    path("<int:report>/report.docx", views.report_docx, name="docx"),
    path("<int:report>/snapshot.json", views.report_snapshot, name="snapshot"),
    path("<int:report>/edit/", views.report_edit, name="edit"),
    path("<int:report>/send/", views.report_send, name="send"),
    path("<int:report>/regenerate/", views.report_regenerate, name="regenerate"),
    path("<int:report>/comment/", views.report_comment, name="comment"),
]
