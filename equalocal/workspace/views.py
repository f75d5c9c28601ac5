from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.accounts.models import NotificationSettings
from equalocal.core.forms import submit

from . import selectors, services
from .forms import NotificationForm, SearchForm


def search(request):
    """One search box for everything the person may see, results grouped by type."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search_everything(request.user, query)
    return render(request, "workspace/search.html", {"form": form, "results": results})


def _notification_form(request, data=None):
    instance = NotificationSettings.objects.filter(user=request.user).first()
    return NotificationForm(data, instance=instance or NotificationSettings(user=request.user))


@login_required
def my_work(request):
    """What waits for the signed-in person, across their organisations."""
    context = {
        "work": selectors.my_work(request.user, today=timezone.localdate()),
        "form": _notification_form(request),
    }
    return render(request, "workspace/my_work.html", context)


@login_required
def notifications(request):
    form = _notification_form(request, request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.notification_settings_save(
            user=request.user,
            digest=form.cleaned_data["digest"],
            language=form.cleaned_data["language"],
        ),
        success=_("Your notification settings were saved."),
        then=f"{reverse('workspace:my-work')}#notifications",
    )
    if done.response:
        return done.response
    context = {"work": selectors.my_work(request.user, today=timezone.localdate()), "form": form}
    return render(request, "workspace/my_work.html", context)
