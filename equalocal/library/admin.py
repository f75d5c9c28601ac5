from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Theme


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    """Staff manage the small list of themes; saving and deleting go through the services."""

    list_display = ["name_en", "name_sv", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name_en"]}

    def save_model(self, request, obj, form, change):
        services.theme_save(theme=obj)

    def delete_model(self, request, obj):
        services.theme_delete(theme=obj)

    def delete_queryset(self, request, queryset):
        for theme in queryset:
            services.theme_delete(theme=theme)
