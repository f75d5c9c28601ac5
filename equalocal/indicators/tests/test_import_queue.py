"""A confirmed import of figures runs in the worker: queued, running with its progress, then
done or failed (the file kept, to try again); claimed once; taken over when its worker dies.

The test settings' task backend is the immediate one: a queued import runs when its
transaction commits (``django_capture_on_commit_callbacks``)."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from equalocal.core.errors import ApplicationError
from equalocal.core.models import PeriodicRun
from equalocal.indicators import services, tasks
from equalocal.indicators.imports import engine
from equalocal.indicators.models import ImportBatch, Measurement
from equalocal.indicators.services import imports as import_services
from tests.factories import IndicatorFactory
from tests.live_regions import live_regions, progress_bars
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

Status = ImportBatch.Status


@pytest.fixture
def preview(personas):
    """Org A's editor previewed a file of three figures of its own indicator A1."""
    org = personas.org_a
    IndicatorFactory(code="A1", title_en="Women among managers", owner=org)
    lines = ["indicator,organisation_code,period,gender,value"] + [
        f"A1,{org.official_code},{year},women,{year - 2000}" for year in (2022, 2023, 2024)
    ]
    upload = SimpleUploadedFile("figures.csv", "\n".join(lines).encode(), "text/csv")
    return services.import_preview(
        organisation=org, upload=upload, filename="figures.csv", by=personas.user("editor")
    )


def figures() -> dict:
    """The figures imported here (the personas have one of their own)."""
    imported = Measurement.objects.filter(indicator__code__in=["A1", "N9"])
    return dict(imported.values_list("period", "value"))


def queued(batch, by, capture) -> ImportBatch:
    """Confirm without running it: the task is left in the commit callbacks."""
    with capture(execute=False):
        return services.import_confirm(batch=batch, by=by)


def test_a_confirmed_import_is_queued_then_runs_to_done_with_its_progress(
    personas, preview, monkeypatch, django_capture_on_commit_callbacks
):
    batch = queued(preview, personas.user("editor"), django_capture_on_commit_callbacks)
    assert batch.status == Status.QUEUED
    # Three rows checked, then three written.
    assert (batch.progress_current, batch.progress_total) == (0, 6)
    assert figures() == {}

    seen = []
    heard = import_services._Heartbeat.__call__

    def listen(self, stage, done):
        heard(self, stage, done)
        seen.append((stage, *ImportBatch.objects.values_list("status", "progress_current").get()))

    monkeypatch.setattr(import_services._Heartbeat, "__call__", listen)
    monkeypatch.setattr(engine, "PROGRESS_EVERY", 1)
    result = services.import_run(batch_id=batch.pk)

    # While checking, the batch is running and its progress grows row by row.
    assert [row for row in seen if row[0] == "check"] == [
        ("check", Status.RUNNING, 1),
        ("check", Status.RUNNING, 2),
        ("check", Status.RUNNING, 3),
    ]
    assert result.status == Status.DONE
    assert result.attempt == 1
    assert (result.progress_current, result.progress_total) == (6, 6)
    assert (result.rows_created, result.rows_updated, result.rows_unchanged) == (3, 0, 0)
    assert figures() == {"2022": Decimal(22), "2023": Decimal(23), "2024": Decimal(24)}
    assert not result.file


def test_a_failed_import_keeps_its_file_says_why_in_the_users_language_and_can_be_retried(
    personas, preview, monkeypatch, django_capture_on_commit_callbacks
):
    editor = personas.user("editor")
    stored = preview.file.name
    with translation.override("sv"):
        batch = queued(preview, editor, django_capture_on_commit_callbacks)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(engine, "_upsert", broken)
    with translation.override("en"):
        result = services.import_run(batch_id=batch.pk)
    assert result.status == Status.FAILED
    assert "Importen kunde inte slutföras" in result.message
    assert figures() == {}
    assert result.can_retry
    assert default_storage.exists(stored)

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.import_retry(batch=result, by=editor)
    result.refresh_from_db()
    assert result.status == Status.DONE
    assert result.attempt == 2
    assert len(figures()) == 3
    assert not default_storage.exists(stored)
    with pytest.raises(ApplicationError):
        services.import_retry(batch=result, by=editor)


def test_a_file_that_became_unreadable_fails_with_its_reason_and_keeps_the_file(
    personas, preview, django_capture_on_commit_callbacks
):
    batch = queued(preview, personas.user("editor"), django_capture_on_commit_callbacks)
    with default_storage.open(batch.file.name, "wb") as handle:
        handle.write(b'{"values": [{"kpi": "A1", ')
    result = services.import_run(batch_id=batch.pk)
    assert result.status == Status.FAILED
    assert result.message
    assert result.can_retry
    assert figures() == {}


def test_an_import_is_claimed_once(personas, preview, django_capture_on_commit_callbacks):
    batch = queued(preview, personas.user("editor"), django_capture_on_commit_callbacks)
    first = services.import_run(batch_id=batch.pk)
    second = services.import_run(batch_id=batch.pk)
    assert first.status == second.status == Status.DONE
    assert second.attempt == 1
    assert len(figures()) == 3
    # A running import is not claimed by a second worker either.
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.RUNNING)
    assert services.import_run(batch_id=batch.pk).attempt == 1
    # Nor is a preview nobody confirmed.
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.PREVIEW)
    assert services.import_run(batch_id=batch.pk).status == Status.PREVIEW


def test_a_run_taken_over_meanwhile_writes_nothing(
    personas, preview, monkeypatch, django_capture_on_commit_callbacks
):
    """A worker taken for dead (slow, not dead) finds another run owns the batch: it rolls
    back, and the batch stays the other run's."""
    batch = queued(preview, personas.user("editor"), django_capture_on_commit_callbacks)
    heard = import_services._Heartbeat.__call__

    def taken_over(self, stage, done):
        heard(self, stage, done)
        if stage == "check":
            ImportBatch.objects.filter(pk=batch.pk).update(attempt=self.attempt + 1)

    monkeypatch.setattr(import_services._Heartbeat, "__call__", taken_over)
    monkeypatch.setattr(engine, "PROGRESS_EVERY", 1)
    result = services.import_run(batch_id=batch.pk)
    assert result.status == Status.RUNNING
    assert result.attempt == 2
    assert figures() == {}


def test_the_stale_check_queues_again_an_import_whose_worker_went_silent(
    personas, preview, settings, django_capture_on_commit_callbacks
):
    settings.IMPORTS_STALE_AFTER_SECONDS = 600
    batch = queued(preview, personas.user("editor"), django_capture_on_commit_callbacks)
    # A worker claimed it, then died: it stays running, its heartbeat silent.
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=Status.RUNNING, attempt=1, heartbeat_at=timezone.now() - timedelta(seconds=300)
    )
    assert services.imports_requeue(queued=False) == 0
    ImportBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=700)
    )
    # The immediate backend runs the queued import at once.
    assert tasks.requeue_stale_imports.call() == 1
    batch.refresh_from_db()
    assert batch.status == Status.DONE
    assert batch.attempt == 2
    assert len(figures()) == 3
    # The check claims its period: a second run in the same period does nothing.
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=Status.RUNNING, heartbeat_at=timezone.now() - timedelta(seconds=700)
    )
    assert tasks.requeue_stale_imports.call() == 0
    assert PeriodicRun.objects.filter(name="indicators.requeue_stale_imports").count() == 1


def test_the_management_command_imports_through_the_same_service(tmp_path, personas):
    from django.core.management import call_command

    org = personas.org_a
    IndicatorFactory(code="N9", title_en="Sick leave")
    path = tmp_path / "kolada.json"
    value = {"gender": "T", "value": 7, "count": 1, "status": ""}
    item = {"kpi": "N9", "municipality": org.official_code, "period": 2024, "values": [value]}
    path.write_text(json.dumps({"values": [item]}))
    call_command("kolada", "import", str(path))
    assert figures() == {"2024": Decimal(7)}
    assert ImportBatch.objects.get().status == Status.DONE


# Pages -----------------------------------------------------------------------------------------


def batch_url(batch, name="batch"):
    return reverse(f"indicators:{name}", kwargs={"org": "org-a", "batch": batch.pk})


def signed_in(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


REFUSED = {"viewer": 403, "outsider": 404, "peer": 404, "anonymous": 302}


@pytest.mark.parametrize("persona", ["editor", "viewer", "outsider", "peer", "anonymous"])
def test_only_the_editor_who_previewed_confirms_the_import(
    client, personas, preview, persona, django_capture_on_commit_callbacks
):
    signed_in(client, personas, persona)
    url = reverse("indicators:import", kwargs={"org": "org-a"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"preview": preview.pk})
    preview.refresh_from_db()
    if persona == "editor":
        assert response.status_code == 302
        assert response.url == batch_url(preview)
        assert preview.status == Status.DONE
        assert len(figures()) == 3
    else:
        assert response.status_code == REFUSED[persona]
        assert preview.status == Status.PREVIEW
        assert figures() == {}


@pytest.mark.parametrize("persona", ["admin", "editor", "viewer", "outsider", "peer", "anonymous"])
def test_admins_and_editors_try_a_failed_import_again(
    client, personas, preview, persona, django_capture_on_commit_callbacks
):
    ImportBatch.objects.filter(pk=preview.pk).update(status=Status.FAILED, message="Broken.")
    signed_in(client, personas, persona)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(batch_url(preview, "batch-retry"))
    preview.refresh_from_db()
    if persona in ("admin", "editor"):
        assert response.status_code == 302
        assert preview.status == Status.DONE
        assert len(figures()) == 3
    else:
        assert response.status_code == REFUSED[persona]
        assert preview.status == Status.FAILED
        assert figures() == {}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("editor", 200),
        ("viewer", 200),
        ("outsider", 404),
        ("peer", 404),
        ("anonymous", 302),
    ],
)
def test_the_import_page_answers_each_persona(client, personas, preview, persona, status):
    ImportBatch.objects.filter(pk=preview.pk).update(status=Status.QUEUED)
    signed_in(client, personas, persona)
    assert client.get(batch_url(preview)).status_code == status


def test_the_import_page_shows_a_live_progress_bar_then_the_result(
    client, personas, preview, django_assert_max_num_queries
):
    ImportBatch.objects.filter(pk=preview.pk).update(
        status=Status.RUNNING, progress_current=2, progress_total=6
    )
    signed_in(client, personas, "editor")
    with django_assert_max_num_queries(12):
        page = client.get(batch_url(preview))
    html = page.text
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="2"' in html and 'aria-valuemax="6"' in html
    assert "2 of 6 rows" in html
    # Without JS: the page refreshes itself, and a link does it too.
    assert '<noscript><meta http-equiv="refresh"' in html
    assert f'href="{batch_url(preview)}"' in html
    # With htmx: the bar alone, polling while the import runs.
    fragment = client.get(batch_url(preview), HTTP_HX_REQUEST="true").text
    assert fragment.lstrip().startswith('<div id="import-progress"')
    assert f'hx-get="{batch_url(preview)}?announced=running"' in fragment
    assert "<html" not in fragment

    ImportBatch.objects.filter(pk=preview.pk).update(
        status=Status.DONE, rows_created=3, message="3 rows read: 3 added."
    )
    fragment = client.get(batch_url(preview), HTTP_HX_REQUEST="true").text
    assert "hx-get" not in fragment
    assert "3 rows read: 3 added." in fragment
    assert 'role="progressbar"' not in fragment


def test_the_import_announces_its_steps_not_each_tick_of_its_bar(client, personas, preview):
    """The bar used to stand in an aria-live region swapped every second, so a screen reader
    read out every row count. Now the bar is a progressbar with its value outside any live
    region, and one status sentence is live: set when the import starts, changes step or ends,
    left alone at each tick (the poll's address says which step was announced)."""
    ImportBatch.objects.filter(pk=preview.pk).update(
        status=Status.RUNNING, progress_current=2, progress_total=6
    )
    signed_in(client, personas, "editor")
    page = client.get(batch_url(preview)).text
    [(bar, live_around)] = progress_bars(page)
    assert (bar["role"], bar["aria-valuenow"], bar["aria-valuemax"]) == ("progressbar", "2", "6")
    assert live_around == []
    regions = {attrs.get("id"): text for attrs, text in live_regions(page)}
    assert regions["import-announcement"] == "Import: Importing."

    # A tick: the bar moves, nothing is said.
    ImportBatch.objects.filter(pk=preview.pk).update(progress_current=4)
    tick = client.get(batch_url(preview), {"announced": "running"}, HTTP_HX_REQUEST="true").text
    assert 'aria-valuenow="4"' in tick
    assert live_regions(tick) == [] and "import-announcement" not in tick
    # The start, seen by a page loaded while the import was queued: said once, out of band.
    start = client.get(batch_url(preview), {"announced": "queued"}, HTTP_HX_REQUEST="true").text
    assert 'id="import-announcement" hx-swap-oob="innerHTML">Import: Importing.' in start
    # The end.
    ImportBatch.objects.filter(pk=preview.pk).update(status=Status.DONE, message="6 rows read.")
    end = client.get(batch_url(preview), {"announced": "running"}, HTTP_HX_REQUEST="true").text
    assert 'id="import-announcement" hx-swap-oob="innerHTML">Import: Imported.' in end


def test_a_failed_import_page_shows_the_reason_and_try_again_to_editors_only(
    client, personas, preview
):
    ImportBatch.objects.filter(pk=preview.pk).update(status=Status.FAILED, message="Trasig fil.")
    signed_in(client, personas, "editor")
    html = client.get(batch_url(preview)).text
    assert "Trasig fil." in html and "Try again" in html
    signed_in(client, personas, "viewer")
    html = client.get(batch_url(preview)).text
    assert "Trasig fil." in html and "Try again" not in html
