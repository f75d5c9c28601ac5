from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from equalocal.documents.urls import search_urlpatterns as document_search_urls

urlpatterns = [
    path("", include("equalocal.organisations.home_urls")),
    path("", include("equalocal.core.urls")),
    path("", include("equalocal.workspace.urls")),
    path("accounts/", include("equalocal.accounts.urls")),
    path("organisations/<slug:org>/network/", include("equalocal.networks.urls")),
    path("organisations/<slug:org>/networks/", include("equalocal.networks.membership_urls")),
    path("organisations/", include("equalocal.organisations.urls")),
    path("organisations/<slug:org>/plans/", include("equalocal.plans.urls")),
    path("organisations/<slug:org>/documents/", include("equalocal.documents.urls")),
    path("organisations/<slug:org>/library/", include("equalocal.library.org_urls")),
    path("library/", include("equalocal.library.urls")),
    path("documents/search/", include(document_search_urls)),
    path("charter/", include("equalocal.charters.urls")),
    path("indicators/", include("equalocal.indicators.urls")),
    path("public/networks/", include("equalocal.networks.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "equalocal.core.views.error_403"
handler404 = "equalocal.core.views.error_404"
handler500 = "equalocal.core.views.error_500"
