"""Document screens: list and upload, the document with its live status, review, search."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from equalocal.core.decorators import signed_in_or_404
from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.core.forms import add_service_error
from equalocal.core.uploads import limit_uploads, request_too_large
from equalocal.docmine.types import DocumentRejected
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_internal_organisation_for_user

from . import selectors, services
from .forms import (
    MAX_FILES,
    AcceptForm,
    DocumentFilterForm,
    SearchForm,
    TitleForm,
    UploadForm,
    correction_form_for,
    too_large_message,
)
from .messages import error_message, warning_message
from .models import FileType, ItemKind
from .selectors import CONFIDENT

# The list and uploads --------------------------------------------------------------------------


def _permissions(user, organisation) -> dict:
    return {
        "can_edit": permissions.can_edit(user, organisation),
        "can_manage": permissions.can_manage(user, organisation),
    }


@login_required
def document_list(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    filter_form = DocumentFilterForm(
        request.GET or None, languages=selectors.document_languages(organisation)
    )
    documents = selectors.document_list(
        organisation=organisation, page=request.GET.get("page"), **filter_form.filters()
    )
    context = {
        "organisation": organisation,
        "filter_form": filter_form,
        "documents": documents,
        "upload_form": UploadForm(),
        **_permissions(request.user, organisation),
    }
    template = "documents/list.html"
    if request.htmx:
        template += "#rows"
    return render(request, template, context)


@limit_uploads("DOCUMENTS_MAX_UPLOAD_BYTES")
@login_required
def document_upload(request, org):
    """Upload one or more files; each gets its outcome: created, already there, or refused."""
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    limit = settings.DOCUMENTS_MAX_UPLOAD_BYTES
    limiter = request.upload_limit
    outcomes = []
    if request.method == "POST" and request_too_large(request, limit=limit, files=MAX_FILES):
        form = UploadForm.too_large()
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        refused = [
            services.UploadOutcome(
                filename=name, document=None, created=False, error=too_large_message()
            )
            for name in limiter.skipped
        ]
        if refused and not request.FILES:
            outcomes, form = refused, UploadForm()
        elif form.is_valid():
            outcomes = refused + services.document_upload_many(
                organisation=organisation, files=form.cleaned_data["files"], by=request.user
            )
            form = UploadForm()
    else:
        form = UploadForm()
    context = {
        "organisation": organisation,
        "form": form,
        "outcomes": outcomes,
        "limit": settings.DOCUMENTS_MAX_UPLOAD_BYTES,
    }
    return render(request, "documents/upload.html", context)


# One document ----------------------------------------------------------------------------------


def _status_context(document) -> dict:
    return {
        "document": document,
        "error_text": error_message(document.error_code) if document.error_code else "",
    }


@login_required
def document_detail(request, org, document):
    item = selectors.get_document_for_user(request.user, org, document)
    context = {
        "organisation": item.organisation,
        "detail": selectors.document_detail_context(item),
        "warnings": [warning_message(code) for code in item.warnings or []],
        "title_form": TitleForm(initial={"title": item.title, "lock_version": item.lock_version}),
        **_status_context(item),
        **_permissions(request.user, item.organisation),
    }
    return render(request, "documents/detail.html", context)


@login_required
def document_status(request, org, document):
    """The live status: polled by the document page while the document is being processed."""
    item = selectors.get_document_for_user(request.user, org, document)
    if request.htmx and not item.is_active:
        # Processing ended since the page was loaded: reload it once to show the results.
        return HttpResponseClientRefresh()
    context = {
        "organisation": item.organisation,
        **_status_context(item),
        **_permissions(request.user, item.organisation),
    }
    template = "documents/detail.html#status" if request.htmx else "documents/status.html"
    return render(request, template, context)


@login_required
@require_POST
def document_retry(request, org, document):
    item = selectors.get_document_for_user(request.user, org, document, action=Action.EDIT)
    try:
        services.document_retry(document=item, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document will be processed again."))
    return redirect("documents:detail", org=org, document=item.pk)


@login_required
@require_POST
def document_cancel(request, org, document):
    item = selectors.get_document_for_user(request.user, org, document, action=Action.EDIT)
    try:
        services.document_cancel(document=item, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Processing of the document was cancelled."))
    return redirect("documents:detail", org=org, document=item.pk)


#: Content types of downloads. HTML and unknown content go out as plain bytes, never as a page.
_DOWNLOAD_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.TEXT: "text/plain",
    FileType.PNG: "image/png",
    FileType.JPEG: "image/jpeg",
    FileType.TIFF: "image/tiff",
}


@signed_in_or_404
def document_file(request, org, document):
    """The original file, as a download."""
    item = selectors.get_document_for_user(request.user, org, document)
    try:
        handle = item.stored_file.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    content_type = _DOWNLOAD_TYPES.get(item.stored_file.file_type, "application/octet-stream")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_filename or f"document-{item.pk}",
        content_type=content_type,
    )
    # Even if a browser were to open it, uploaded content runs nothing.
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_edit(request, org, document):
    """Change the title (optimistic locking: a stale form shows the current title)."""
    item = selectors.get_document_for_user(request.user, org, document, action=Action.EDIT)
    form = TitleForm(
        request.POST or None, initial={"title": item.title, "lock_version": item.lock_version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                document=item,
                by=request.user,
                title=form.cleaned_data["title"],
                lock_version=form.cleaned_data["lock_version"],
            )
        except ConcurrentEditError as exc:
            form = TitleForm(
                initial={
                    "title": form.cleaned_data["title"],
                    "lock_version": exc.current.lock_version,
                }
            )
            form.is_bound = False
            messages.error(
                request,
                _("%(message)s The current title is “%(title)s”.")
                % {"message": exc.message, "title": exc.current.title},
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The title was saved."))
            return redirect("documents:detail", org=org, document=item.pk)
    context = {"organisation": item.organisation, "document": item, "form": form}
    return render(request, "documents/edit.html", context)


@login_required
def document_delete(request, org, document):
    """Confirm, then delete the document (admins)."""
    item = selectors.get_document_for_user(request.user, org, document, action=Action.MANAGE)
    if request.method == "POST":
        try:
            services.document_delete(document=item, by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("documents:detail", org=org, document=item.pk)
        messages.success(
            request, _("The document “%(title)s” was deleted.") % {"title": item.title}
        )
        return redirect("documents:list", org=org)
    context = {"organisation": item.organisation, "document": item}
    return render(request, "documents/delete.html", context)


#: File types whose pages can be shown as images.
_RENDERABLE = {FileType.PDF, FileType.PNG, FileType.JPEG, FileType.TIFF}
PAGE_IMAGE_WIDTH = 1000


@signed_in_or_404
def page_image(request, org, document, number):
    """One page of a PDF or image as PNG; like every private response, never stored by the
    browser (``Cache-Control: no-store``, core/middleware.py)."""
    from equalocal.docmine.reading import render_page_png
    from equalocal.docmine.types import FileType as ReaderFileType

    item = selectors.get_document_for_user(request.user, org, document)
    file_type = item.stored_file.file_type
    if file_type not in _RENDERABLE:
        raise Http404
    selectors.get_page_for_document(item, number)
    try:
        png = render_page_png(
            item.stored_file.file.path,
            ReaderFileType(file_type),
            number,
            width=PAGE_IMAGE_WIDTH,
        )
    except (DocumentRejected, FileNotFoundError, ValueError, IndexError) as exc:
        raise Http404 from exc
    return HttpResponse(png, content_type="image/png")


# Review ----------------------------------------------------------------------------------------


def _page_number(request) -> int | None:
    value = request.GET.get("page")
    if value in (None, ""):
        return None
    if not value.isascii() or not value.isdigit():
        raise Http404
    return int(value)


@login_required
def document_review(request, org, document):
    item = selectors.get_document_for_user(request.user, org, document)
    review = selectors.review_context(item, _page_number(request))
    context = {
        "organisation": item.organisation,
        "document": item,
        "review": review,
        "page": review.page,
        "detail": review.detail,
        "plans": list(selectors.plans_for_review(item.organisation)),
        "renderable": item.stored_file.file_type in _RENDERABLE,
        "confident_percent": round(CONFIDENT * 100),
        **_permissions(request.user, item.organisation),
    }
    template = "documents/review.html"
    if request.htmx and request.GET.get("fragment") == "page":
        template += "#page-view"
    return render(request, template, context)


def _review_url(item) -> str:
    url = reverse(
        "documents:review",
        kwargs={"org": item.document.organisation.slug, "document": item.document_id},
    )
    return f"{url}#item-{item.pk}"


def _card(request, item, *, error: str = "", status: int = 200):
    """The item's card after a change: the htmx swap, or back to the review page."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_review_url(item))
    document = item.document
    item.refresh_from_db()
    item.document = document  # keeps the organisation loaded with it
    context = {
        "organisation": item.document.organisation,
        "document": item.document,
        "item": item,
        "item_error": error,
        "plans": list(selectors.plans_for_review(item.document.organisation)),
        "can_edit": True,
    }
    return render(request, "documents/review.html#item", context, status=status)


@login_required
@require_POST
def item_accept(request, org, document, item):
    target = selectors.get_item_for_user(request.user, org, document, item)
    form = AcceptForm(request.POST, plans=selectors.plans_for_review(target.document.organisation))
    form.is_valid()
    try:
        services.item_accept(
            item=target,
            by=request.user,
            lock_version=form.cleaned_data.get("lock_version"),
            plan=form.chosen_plan() if target.kind == ItemKind.ACTION_ROW else None,
        )
    except ApplicationError as exc:
        return _card(request, target, error=exc.message)
    if not request.htmx:
        messages.success(request, _("The item was accepted."))
    return _card(request, target)


@login_required
@require_POST
def item_reject(request, org, document, item):
    target = selectors.get_item_for_user(request.user, org, document, item)
    form = AcceptForm(request.POST)
    form.is_valid()
    try:
        services.item_reject(
            item=target, by=request.user, lock_version=form.cleaned_data.get("lock_version")
        )
    except ApplicationError as exc:
        return _card(request, target, error=exc.message)
    if not request.htmx:
        messages.success(request, _("The item was rejected."))
    return _card(request, target)


@login_required
def item_correct(request, org, document, item):
    """Correct an item's fields and accept it: an inline form (htmx) or a page of its own."""
    target = selectors.get_item_for_user(request.user, org, document, item)
    organisation = target.document.organisation
    plans = list(selectors.plans_for_review(organisation))
    choices = selectors.organisations_for_review(request.user, target)
    form = correction_form_for(
        target, request.POST if request.method == "POST" else None, organisations=choices
    )
    accept_form = AcceptForm(request.POST or None, plans=plans)
    error = ""
    if request.method == "POST" and form.is_valid() and accept_form.is_valid():
        try:
            services.item_accept(
                item=target,
                by=request.user,
                corrections=form.corrections(),
                lock_version=form.cleaned_data.get("lock_version"),
                plan=accept_form.chosen_plan() if target.kind == ItemKind.ACTION_ROW else None,
            )
        except ConcurrentEditError as exc:
            error = exc.message
            target.refresh_from_db()
            form = correction_form_for(target, organisations=choices)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            if not request.htmx:
                messages.success(request, _("The corrected item was accepted."))
            return _card(request, target)
    context = {
        "organisation": organisation,
        "document": target.document,
        "item": target,
        "form": form,
        "plans": plans,
        "item_error": error,
    }
    if request.htmx:
        return render(request, "documents/review.html#item-form", context)
    return render(request, "documents/item_correct.html", context)


@login_required
@require_POST
def accept_confident(request, org, document):
    item = selectors.get_document_for_user(request.user, org, document, action=Action.EDIT)
    form = AcceptForm(request.POST, plans=selectors.plans_for_review(item.organisation))
    form.is_valid()
    try:
        count = services.items_accept_confident(
            document=item, by=request.user, threshold=CONFIDENT, plan=form.chosen_plan()
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext("%(count)s item was accepted.", "%(count)s items were accepted.", count)
            % {"count": count},
        )
    return redirect("documents:review", org=org, document=item.pk)


# Search ----------------------------------------------------------------------------------------

SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGE = 50


@login_required
def document_search(request):
    """Full-text search across the documents of the user's organisations."""
    from .search import search_documents

    organisations = selectors.searchable_organisations(request.user)
    form = SearchForm(request.GET or None, organisations=organisations)
    filters = form.filters()
    results = hits = page = None
    if filters.get("query"):
        number = request.GET.get("page", "1")
        number = (
            min(int(number), SEARCH_MAX_PAGE)
            if number.isascii() and number.isdigit() and number != "0"
            else 1
        )
        results = search_documents(
            organisation_ids=[organisation.pk for organisation in organisations],
            limit=SEARCH_PAGE_SIZE,
            offset=(number - 1) * SEARCH_PAGE_SIZE,
            **filters,
        )
        hits = selectors.search_hits_with_slugs(results.hits)
        shown = min(results.total, SEARCH_PAGE_SIZE * SEARCH_MAX_PAGE)
        page = Paginator(range(shown), SEARCH_PAGE_SIZE).get_page(number)
    context = {"form": form, "results": results, "hits": hits, "page": page}
    template = "documents/search.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)
