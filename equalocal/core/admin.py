"""Admin base classes: domain data is changed in the product, through its services.

The Django admin is for staff looking into data. Tenant data (plans, networks, figures,
documents) is shown read-only there, so no write bypasses the services, their checks and
their locks; where staff do change something in the admin, the admin calls the service.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyAdminMixin:
    """No adding, changing or deleting; every field is shown read-only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """A domain model with its history, for reading."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
