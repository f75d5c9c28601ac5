import json

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from equalocal.core.admin import ReadOnlyAdmin
from equalocal.core.middleware import mark_no_store

from . import services
from .models import ErasureRecord, Membership, Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    """Staff set the kind, parent and official code here; saving goes through the services."""

    list_display = ["name", "kind", "country", "official_code", "parent"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "official_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        if change:
            services.organisation_update(organisation=obj, by=request.user)
        else:
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            fields.update(name=obj.name, slug=obj.slug)
            created = services.organisation_create(by=request.user, **fields)
            obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        # Deleting an organisation would take its plans, figures and documents with it.
        return False


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Roles are given and changed by the organisation's admins, in the product."""

    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.action(description=_("Export personal data (JSON)"))
def export_personal_data(modeladmin, request, queryset):
    data = [services.personal_data_export(person=person) for person in queryset]
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return mark_no_store(response)


@admin.action(description=_("Erase personal data (permanently, with history)"))
def erase_personal_data(modeladmin, request, queryset):
    count = 0
    for person in queryset.select_related("organisation"):
        services.personal_data_erase(person=person, by=request.user, reason="Django admin")
        count += 1
    modeladmin.message_user(
        request,
        ngettext(
            "Erased %(count)d person and their history.",
            "Erased %(count)d people and their history.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "title", "organisation", "is_public_contact"]
    list_filter = ["is_public_contact", "organisation__country"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "user"]
    actions = [export_personal_data, erase_personal_data]


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    list_display = ["erased_at", "subject", "organisation", "erased_by", "reason"]
    readonly_fields = ["erased_at", "subject", "organisation", "erased_by", "reason"]

    def has_add_permission(self, request):
        return False
