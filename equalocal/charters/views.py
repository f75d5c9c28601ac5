from copy import copy

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.core.forms import submit
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_internal_organisation_for_user

from . import selectors, services
from .forms import CommitmentForm, CommitmentStepForm
from .models import Commitment, CommitmentStep


def charter_index(request):
    """The Charter page opens on the current text."""
    charter = selectors.current_charter()
    if charter is None:
        raise Http404
    return redirect(charter)


def charter_text(request, charter):
    text = selectors.get_charter_text(charter)
    context = {
        "charter": text,
        "texts": selectors.charter_texts(),
        "principles": text.principles.order_by("number"),
        "sections": selectors.charter_sections(text),
    }
    return render(request, "charters/text.html", context)


def article_detail(request, charter, number):
    """One article: a short explanation, and what other apps show for it (practices, plans)."""
    text = selectors.get_charter_text(charter)
    article = selectors.get_article(text, number)
    context = {
        "charter": text,
        "article": article,
        "explanation": selectors.article_explanation(article),
    }
    return render(request, "charters/article.html", context)


@login_required
def commitment_list(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    context = {
        "organisation": organisation,
        "rows": selectors.commitment_rows(organisation, today=timezone.localdate()),
        "can_edit": permissions.can_edit(request.user, organisation),
    }
    return render(request, "charters/commitment_list.html", context)


@login_required
def commitment_create(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    form = CommitmentForm(
        request.POST or None,
        instance=Commitment(organisation=organisation),
        initial={"charter": selectors.current_charter()},
    )
    done = submit(
        request,
        form,
        lambda: services.commitment_save(commitment=form.instance, by=request.user),
        success=_("The commitment was recorded."),
    )
    return done.response or render(
        request, "charters/commitment_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def commitment_detail(request, org, commitment):
    item = selectors.get_commitment_for_user(request.user, org, commitment)
    context = {
        "organisation": item.organisation,
        "commitment": item,
        "overview": selectors.commitment_overview(item, today=timezone.localdate()),
        "history": selectors.commitment_history(item, limit=50),
        "can_edit": permissions.can_edit(request.user, item.organisation),
    }
    return render(request, "charters/commitment_detail.html", context)


@login_required
def commitment_edit(request, org, commitment):
    item = selectors.get_commitment_for_user(request.user, org, commitment, action=Action.EDIT)
    # The form edits a copy, so the page's title and breadcrumbs keep the saved values.
    form = CommitmentForm(request.POST or None, instance=copy(item))
    done = submit(
        request,
        form,
        lambda: services.commitment_save(
            commitment=form.instance,
            by=request.user,
            expected_lock_version=form.cleaned_data["lock_version"],
        ),
        success=_("The changes were saved."),
        then=item,
    )
    if done.response:
        return done.response
    context = {
        "form": form,
        "organisation": item.organisation,
        "commitment": item,
        "conflict": done.conflict,
    }
    return render(request, "charters/commitment_form.html", context)


@login_required
def commitment_step(request, org, commitment):
    item = selectors.get_commitment_for_user(request.user, org, commitment, action=Action.EDIT)
    form = CommitmentStepForm(request.POST or None, instance=CommitmentStep(commitment=item))
    done = submit(
        request,
        form,
        lambda: services.commitment_add_step(commitment=item, by=request.user, **form.cleaned_data),
        success=lambda step: (
            _("The step was recorded; the status is now “%(status)s”.")
            % {"status": step.commitment.get_status_display()}
        ),
        then=lambda step: step.commitment,
    )
    if done.response:
        return done.response
    context = {"form": form, "organisation": item.organisation, "commitment": item}
    return render(request, "charters/commitment_step.html", context)
