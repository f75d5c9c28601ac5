from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, CharterText, Principle, Section


class PrincipleInline(admin.TabularInline):
    model = Principle
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(CharterText)
class CharterTextAdmin(SimpleHistoryAdmin):
    list_display = ["code", "year", "title_en", "is_current"]
    inlines = [PrincipleInline, SectionInline]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = [
        "number",
        "title_en",
        "title_sv",
        "charter",
        "section",
        "number_verified",
        "title_en_verified",
        "title_sv_verified",
    ]
    list_filter = ["charter", "section", "number_verified", "title_sv_verified"]
    list_editable = ["title_sv_verified"]
    search_fields = ["title_en", "title_sv"]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["order", "title_en", "title_sv", "charter"]
    list_filter = ["charter"]
