from django.contrib import admin
from django.urls import include, path

from equalocal.accounts.views import admin_sign_in, set_language
from equalocal.api.main import api
from equalocal.documents.urls import search_urlpatterns as document_search_urls

urlpatterns = [
    path("", include("equalocal.organisations.home_urls")),
    path("", include("equalocal.core.urls")),
    path("", include("equalocal.workspace.urls")),
    path("accounts/", include("equalocal.accounts.urls")),
    path("", include("equalocal.exchange.urls")),
    path("organisations/<slug:org>/network/", include("equalocal.exchange.network_urls")),
    path("accounts/api-tokens/", include("equalocal.api.urls")),
    path("api/v1/", api.urls),
    path("organisations/<slug:org>/network/", include("equalocal.networks.urls")),
    path("organisations/<slug:org>/networks/", include("equalocal.networks.membership_urls")),
    path("organisations/", include("equalocal.organisations.urls")),
    path("organisations/<slug:org>/plans/", include("equalocal.plans.urls")),
    path("organisations/<slug:org>/documents/", include("equalocal.documents.urls")),
    path("organisations/<slug:org>/reports/", include("equalocal.reports.urls")),
    path("organisations/<slug:org>/library/", include("equalocal.library.org_urls")),
    path("library/", include("equalocal.library.urls")),
    path("documents/search/", include(document_search_urls)),
    path("charter/", include("equalocal.charters.urls")),
    path("indicators/", include("equalocal.indicators.urls")),
    path("public/networks/", include("equalocal.networks.public_urls")),
    path("signatories/", include("equalocal.public.urls")),
    # Django's language switcher, which also keeps a signed-in person's choice in their account.
    path("i18n/setlang/", set_language, name="set_language"),
    # The admin signs in through the site's own sign-in, with its throttling and two-factor step.
    path("admin/login/", admin_sign_in, name="admin-sign-in"),
    path("admin/", admin.site.urls),
]

# No route serves MEDIA_ROOT, in any mode: private files go out through access-checked views,
# public media (logos) through core:public-media.

handler403 = "equalocal.core.views.error_403"
handler404 = "equalocal.core.views.error_404"
handler500 = "equalocal.core.views.error_500"
