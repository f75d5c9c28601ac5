"""Documents in the Django admin: read-mostly, for staff looking into a failed run."""

from django.contrib import admin

from .models import Document, DocumentTable, ExtractedItem, Page, StoredFile


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PageInline(ReadOnlyInline):
    model = Page
    fields = ["number", "source", "language", "ocr_confidence"]
    readonly_fields = fields


class ItemInline(ReadOnlyInline):
    model = ExtractedItem
    fields = ["kind", "order", "page", "confidence", "status", "reviewed_by"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "stage",
        "kind",
        "language",
        "page_count",
        "created_at",
    ]
    list_filter = ["stage", "kind", "language", "error_code"]
    search_fields = ["title", "original_filename", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = [f.name for f in Document._meta.fields if f.name not in {"title"}]
    inlines = [PageInline, ItemInline]

    def has_add_permission(self, request):
        return False


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ["sha256", "file_type", "size", "created_at"]
    readonly_fields = ["sha256", "file", "size", "file_type", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["document", "number", "source", "language"]
    list_select_related = ["document"]
    readonly_fields = ["document", "number", "raw_text", "source", "ocr_confidence", "language",
                       "repairs"]  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(DocumentTable)
class DocumentTableAdmin(admin.ModelAdmin):
    list_display = ["document", "order", "page"]
    readonly_fields = ["document", "page", "order", "rows"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExtractedItem)
class ExtractedItemAdmin(admin.ModelAdmin):
    list_display = ["document", "kind", "order", "confidence", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["document"]
    readonly_fields = ["document", "kind", "order", "page", "data", "corrected", "confidence",
                       "evidence", "status", "reviewed_by", "reviewed_at", "target_type",
                       "target_id"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
