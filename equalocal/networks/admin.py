"""Networks in the Django admin: read-only; they change through the product's services."""

from django.contrib import admin

from equalocal.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Body,
    MatrixCell,
    Meeting,
    MeetingDecision,
    NetworkMembership,
    NetworkSettings,
    Seat,
)


@admin.register(NetworkSettings)
class NetworkSettingsAdmin(ReadOnlyAdmin):
    list_display = ["network", "dashboard_visibility"]
    raw_id_fields = ["network"]


@admin.register(Body)
class BodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "network", "kind", "started_on", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["name", "slug", "network__name"]
    raw_id_fields = ["network", "parent", "plan"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "network", "body", "joined_on", "left_on"]
    search_fields = ["member__name", "network__name", "body__name"]
    raw_id_fields = ["network", "body", "member"]


@admin.register(Seat)
class SeatAdmin(ReadOnlyAdmin):
    list_display = ["body", "member", "person", "role", "from_date", "to_date"]
    list_filter = ["role"]
    search_fields = ["body__name", "member__name", "person__name"]
    raw_id_fields = ["body", "member", "person"]


class MeetingDecisionInline(ReadOnlyInline):
    model = MeetingDecision
    extra = 0
    raw_id_fields = ["activity"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["body", "date", "place", "host", "status"]
    list_filter = ["status"]
    search_fields = ["body__name", "place", "host__name"]
    raw_id_fields = ["body", "host"]
    filter_horizontal = ["attendees"]
    inlines = [MeetingDecisionInline]


@admin.register(MatrixCell)
class MatrixCellAdmin(ReadOnlyAdmin):
    list_display = ["group", "row", "seat", "role"]
    list_filter = ["role"]
    search_fields = ["group__name", "row__name", "seat__member__name", "seat__person__name"]
    raw_id_fields = ["group", "row", "seat"]
