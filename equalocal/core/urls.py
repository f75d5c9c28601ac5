from django.conf import settings
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        f"{settings.PUBLIC_MEDIA_URL.strip('/')}/<path:name>",
        views.public_media,
        name="public-media",
    ),
]
