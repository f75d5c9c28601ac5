"""Imports of Kolada JSON, CSV and XLSX: preview by row, idempotent upsert, all or nothing."""

import io
from decimal import Decimal
from pathlib import Path

import pytest

from equalocal.indicators import imports
from equalocal.indicators.imports import engine, import_file
from equalocal.indicators.models import ImportBatch, Indicator, Measurement, Source
from tests.factories import (
    IndicatorFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def places():
    return {
        "umea": OrganisationFactory(official_code="2480", name="Umeå kommun"),
        "vannas": OrganisationFactory(official_code="2460", name="Vännäs kommun"),
    }


@pytest.fixture
def kpis():
    return {
        "N00945": IndicatorFactory(code="N00945", title_en="Full time", source="kolada"),
        "N01951": IndicatorFactory(
            code="N01951", title_en="Population", by_gender=False, source="kolada"
        ),
    }


@pytest.fixture
def eq1():
    return IndicatorFactory(code="EQ1", title_en="Share of something", unit="%")


def _figures():
    return {
        (m.indicator.code, m.organisation.official_code, m.period, m.gender): (
            m.value,
            m.count,
            m.status,
        )
        for m in Measurement.objects.select_related("indicator", "organisation")
    }


def _errors(batch):
    return {(e["row"], e["column"]): e["message"] for e in batch.errors}


# Kolada JSON ----------------------------------------------------------------------------------


def test_kolada_json_is_imported_with_genders_counts_and_missing_values(places, kpis):
    batch = import_file(path_or_file=FIXTURES / "kolada_data.json", source=Source.KOLADA)

    assert batch.status == ImportBatch.Status.DONE
    assert (batch.rows_read, batch.rows_created, batch.rows_rejected) == (16, 16, 0)
    figures = _figures()
    assert figures[("N00945", "2480", "2022", "women")] == (Decimal("41.25"), 1, "")
    assert figures[("N00945", "2480", "2022", "men")] == (Decimal("39.75"), 1, "")
    assert figures[("N00945", "2480", "2023", "men")] == (None, 0, "missing")
    assert figures[("N01951", "2460", "2023", "total")] == (Decimal("54.5"), 1, "")
    assert Measurement.objects.filter(source=Source.KOLADA, batch=batch).count() == 16
    assert (
        Measurement.objects.get(
            indicator=kpis["N00945"], gender="total", organisation=places["umea"], period="2022"
        ).year
        == 2022
    )


def test_reimporting_the_same_file_changes_nothing(places, kpis):
    import_file(path_or_file=FIXTURES / "kolada_data.json")
    before = list(Measurement.objects.order_by("pk").values())

    again = import_file(path_or_file=FIXTURES / "kolada_data.json")

    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 16)
    assert list(Measurement.objects.order_by("pk").values()) == before


def test_incremental_import_updates_only_the_changed_rows(places, kpis):
    first = import_file(path_or_file=FIXTURES / "kolada_data.json")

    batch = import_file(path_or_file=FIXTURES / "kolada_data_changed.json")

    assert (batch.rows_created, batch.rows_updated, batch.rows_unchanged) == (0, 2, 14)
    figures = _figures()
    assert figures[("N00945", "2480", "2022", "women")][0] == Decimal("99.5")
    assert figures[("N01951", "2460", "2023", "total")][0] == Decimal("12.75")
    assert Measurement.objects.filter(batch=batch).count() == 2
    assert Measurement.objects.filter(batch=first).count() == 14


def test_truncated_json_is_reported_and_nothing_is_written(places, kpis):
    batch = import_file(path_or_file=FIXTURES / "kolada_truncated.json")

    assert batch.status == ImportBatch.Status.FAILED
    assert "truncated" in batch.message
    assert batch.errors[0]["row"] >= 1
    assert "ends in the middle" in batch.errors[0]["message"]
    assert Measurement.objects.count() == 0


def test_kpi_metadata_creates_site_wide_kolada_indicators():
    batch = import_file(path_or_file=FIXTURES / "kolada_kpi.json")

    assert (batch.rows_created, batch.rows_updated) == (2, 0)
    population = Indicator.objects.get(code="N01951", owner=None)
    assert (population.title_sv, population.by_gender, population.source) == (
        "Invånare totalt, antal",
        False,
        "kolada",
    )
    again = import_file(path_or_file=FIXTURES / "kolada_kpi.json")
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)


def test_unknown_codes_in_kolada_rows_are_reported_by_row(places, kpis):
    data = (
        b'{"values": [{"kpi": "N99999", "municipality": "2480", "period": 2024, "values": '
        b'[{"gender": "T", "value": 1, "count": 1, "status": null}]},'
        b'{"kpi": "N00945", "municipality": "0000", "period": 2024, "values": '
        b'[{"gender": "T", "value": 1, "count": 1, "status": null}]},'
        b'{"kpi": "N00945", "municipality": "2480", "period": 2024, "values": '
        b'[{"gender": "Q", "value": 1, "count": 1, "status": null},'
        b'{"gender": "K", "value": "n/a", "count": 1, "status": null}]},'
        b'{"kpi": "N01951", "municipality": "2480", "period": 2024, "values": '
        b'[{"gender": "K", "value": 3, "count": 1, "status": null}]},'
        b'{"kpi": "N00945", "municipality": "2480", "period": 2024, "values": '
        b'[{"gender": "M", "value": 2.5, "count": 1, "status": null}]}], "next_url": null}'
    )
    batch = import_file(path_or_file=io.BytesIO(data))

    errors = _errors(batch)
    assert errors[(1, "indicator")] == "Unknown indicator code “N99999”."
    assert errors[(2, "organisation_code")] == "Unknown organisation code “0000”."
    assert errors[(3, "gender")].startswith("Unknown gender code “Q”")
    assert errors[(3, "value")] == "“n/a” is not a number."
    assert errors[(4, "gender")].startswith("This indicator is not split by gender")
    assert (batch.rows_read, batch.rows_rejected, batch.rows_created) == (6, 5, 1)
    assert list(Measurement.objects.values_list("gender", "value")) == [("men", Decimal("2.5"))]


# CSV and XLSX ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["long.csv", "long.xlsx"])
def test_long_format(places, eq1, name):
    batch = import_file(path_or_file=FIXTURES / name)

    assert (batch.status, batch.source, batch.rows_created) == ("done", Source.FILE, 5), (
        batch.errors
    )
    figures = _figures()
    assert figures[("EQ1", "2480", "2023", "women")] == (Decimal("61.5"), None, "")
    assert figures[("EQ1", "2460", "2023-12-31", "men")] == (Decimal("45"), 9, "")
    note = Measurement.objects.get(gender="women", period="2023").note
    assert note == "Lönekartläggning"


@pytest.mark.parametrize("name", ["wide.csv", "wide.xlsx"])
def test_wide_format_skips_empty_cells(places, eq1, name):
    batch = import_file(path_or_file=FIXTURES / name)

    assert batch.rows_created == 5, batch.errors
    figures = _figures()
    assert figures[("EQ1", "2460", "2022", "women")][0] == Decimal("52.5")
    assert ("EQ1", "2460", "2022", "total") not in figures


def test_swedish_headers_semicolons_decimal_comma_and_windows_1252(places, eq1):
    batch = import_file(path_or_file=FIXTURES / "long_sv.csv")

    assert batch.rows_created == 2, batch.errors
    women = Measurement.objects.get(gender="women")
    assert (women.value, women.note) == (Decimal("61.5"), "Källa: nämndens uppföljning")


def test_bad_rows_are_reported_by_row_and_only_valid_rows_are_imported(places, eq1):
    batch = import_file(path_or_file=FIXTURES / "bad.csv")

    errors = _errors(batch)
    assert errors[(2, "value")] == "“many” is not a number."
    assert errors[(3, "gender")].startswith("Unknown gender code “X”")
    assert errors[(4, "organisation_code")] == "Unknown organisation code “9999”."
    assert errors[(5, "indicator")] == "Unknown indicator code “NOPE”."
    assert "Row 7 gives another value" in errors[(6, "value")]
    assert "Row 6 gives another value" in errors[(7, "value")]
    assert errors[(8, "period")].startswith("The period “21” is neither a year")
    assert (batch.rows_read, batch.rows_rejected, batch.rows_created) == (8, 7, 1)
    assert list(Measurement.objects.values_list("period", "value")) == [("2019", Decimal(7))]


def test_exact_duplicate_rows_are_imported_once():
    OrganisationFactory(official_code="2480")
    IndicatorFactory(code="EQ1")
    text = "indicator,organisation_code,period,gender,value\n" + "EQ1,2480,2024,women,5\n" * 2
    preview = engine.preview_rows(imports.read_csv(io.StringIO(text)), source=Source.FILE)

    assert (len(preview.rows), preview.duplicates, preview.error_count) == (1, 1, 0)


def test_empty_value_needs_a_status(places, eq1):
    text = (
        "indicator;kod;period;kön;värde;status\n"
        "EQ1;2480;2024;K;;\n"
        "EQ1;2480;2024;M;;sekretess\n"
        "EQ1;2480;2024;T;saknas;\n"
    )
    batch = import_file(path_or_file=io.BytesIO(text.encode()))

    assert _errors(batch) == {(2, "value"): "Give a value, or a status (missing or confidential)."}
    assert sorted(Measurement.objects.values_list("gender", "status")) == [
        ("men", "confidential"),
        ("total", "missing"),
    ]


def test_formulas_are_rejected_cell_by_cell(places, eq1):
    batch = import_file(path_or_file=FIXTURES / "formulas.xlsx")

    assert _errors(batch) == {(2, "women"): "Cell E2 contains a formula: enter the value itself."}
    assert batch.rows_created == 2
    assert not Measurement.objects.filter(organisation=places["umea"]).exists()


def test_merged_cells_reject_the_whole_sheet(places, eq1):
    batch = import_file(path_or_file=FIXTURES / "merged.xlsx")

    assert batch.status == ImportBatch.Status.FAILED
    assert "merged cells" in batch.message
    assert _errors(batch) == {(2, "A2:A3"): "Cells A2:A3 are merged."}
    assert Measurement.objects.count() == 0


def test_a_file_without_a_header_row_is_refused(places, eq1):
    batch = import_file(path_or_file=io.BytesIO(b"1,2,3\n4,5,6\n"))

    assert batch.status == ImportBatch.Status.FAILED
    assert batch.message.startswith("No header row found")


def test_dry_run_counts_without_writing(places, eq1):
    batch = import_file(path_or_file=FIXTURES / "long.csv", dry_run=True)

    assert (batch.status, batch.rows_created, batch.pk) == ("preview", 5, None)
    assert Measurement.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_a_failure_halfway_leaves_nothing(places, eq1, monkeypatch):
    monkeypatch.setattr(engine, "CHUNK_SIZE", 2)
    real_upsert, calls = engine._upsert, []

    def failing_upsert(rows, **kwargs):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_upsert(rows, **kwargs)

    monkeypatch.setattr(engine, "_upsert", failing_upsert)
    with pytest.raises(RuntimeError):
        import_file(path_or_file=FIXTURES / "long.csv")

    assert calls == [2, 2]
    assert Measurement.objects.count() == 0


def test_a_network_never_writes_its_members_figures_it_proposes_them(places, eq1):
    """Vulnerability 1, step 5: a network's import with a member's code wrote the member's
    figures. Now the member's rows become a proposal; codes of non-members are refused."""
    from equalocal.indicators.models import FigureProposal
    from equalocal.indicators.services import proposal_answer

    network = NetworkFactory()
    NetworkMembershipFactory(network=network, member=places["umea"])
    IndicatorFactory(code="EQ1", owner=network, title_en="The network's own")

    batch = import_file(path_or_file=FIXTURES / "long.csv", organisation=network)

    assert batch.rows_created == 0 and batch.rows_proposed == 3
    assert _errors(batch)[(5, "organisation_code")].startswith(
        "No organisation with the code “2460”"
    )
    assert not Measurement.objects.exists()
    [proposal] = FigureProposal.objects.all()
    assert proposal.organisation == places["umea"] and proposal.network == network
    assert "sent to them as proposals" in batch.message

    proposal_answer(proposal=proposal, accept=True, by=None)
    assert Measurement.objects.filter(organisation=places["umea"]).count() == 3
    proposal.refresh_from_db()
    assert proposal.status == FigureProposal.Status.ACCEPTED
    assert proposal.result.organisation == places["umea"]


def test_an_organisation_that_has_not_accepted_gets_no_proposal(places, eq1):
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, member=places["umea"], consent=False)
    batch = import_file(path_or_file=FIXTURES / "long.csv", organisation=network)
    assert batch.rows_proposed == 0
    assert _errors(batch)[(2, "organisation_code")].startswith(
        "No organisation with the code “2480”"
    )
    assert not Measurement.objects.exists()
