from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("upload/", views.document_upload, name="upload"),
    path("<int:document>/", views.document_detail, name="detail"),
    path("<int:document>/status/", views.document_status, name="status"),
    path("<int:document>/retry/", views.document_retry, name="retry"),
    path("<int:document>/cancel/", views.document_cancel, name="cancel"),
    path("<int:document>/file/", views.document_file, name="file"),
    path("<int:document>/edit/", views.document_edit, name="edit"),
    path("<int:document>/delete/", views.document_delete, name="delete"),
    path("<int:document>/review/", views.document_review, name="review"),
    path("<int:document>/pages/<int:number>.png", views.page_image, name="page-image"),
    path("<int:document>/accept-confident/", views.accept_confident, name="accept-confident"),
    path("<int:document>/items/<int:item>/accept/", views.item_accept, name="item-accept"),
    path("<int:document>/items/<int:item>/reject/", views.item_reject, name="item-reject"),
    path("<int:document>/items/<int:item>/correct/", views.item_correct, name="item-correct"),
]

#: The search across organisations, mounted at ``documents/search/``.
search_urlpatterns = (
    [path("", views.document_search, name="search")],
    "document_search",
)
