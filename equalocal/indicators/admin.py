"""Indicators and figures in the Django admin: read-only; they change through the product's services."""

from django.contrib import admin

from equalocal.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import ImportBatch, Indicator, Measurement, Scorecard, ScorecardItem, Target


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_en", "owner", "unit", "by_gender", "direction", "source"]
    list_filter = ["source", "by_gender", "direction"]
    search_fields = ["code", "title_en", "title_sv", "owner__name"]
    raw_id_fields = ["owner", "goals", "activities"]
    filter_horizontal = ["articles", "reference_goals"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "organisation", "period", "gender", "value", "status", "source"]
    list_filter = ["gender", "status", "source"]
    search_fields = ["indicator__code", "organisation__name", "period"]
    raw_id_fields = ["indicator", "organisation", "batch"]
    list_select_related = ["indicator", "organisation"]
    show_full_result_count = False


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "organisation", "year", "kind", "value", "parity_points"]
    list_filter = ["kind"]
    search_fields = ["indicator__code", "organisation__name"]
    raw_id_fields = ["indicator", "organisation"]


class ScorecardItemInline(ReadOnlyInline):
    model = ScorecardItem
    extra = 0
    raw_id_fields = ["indicator"]


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner", "compare_members", "is_published"]
    list_filter = ["compare_members", "is_published"]
    search_fields = ["title", "owner__name"]
    raw_id_fields = ["owner"]
    inlines = [ScorecardItemInline]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "source",
        "file_name",
        "status",
        "rows_read",
        "rows_created",
        "rows_updated",
        "rows_unchanged",
        "rows_rejected",
    ]
    list_filter = ["source", "status"]
    search_fields = ["file_name", "message"]
    raw_id_fields = ["organisation", "by"]
    readonly_fields = ["errors"]
