"""Benchmark: search over 100,000 documents (bulk-inserted index rows, not the pipeline)."""

from __future__ import annotations

import random
import time

__all__ = ["bench_search_100k"]

DOCUMENTS = 100_000
ORGANISATIONS = 50

_TEXTS = {
    "sv": (
        "kommun kommunstyrelsen beslut beslutar jämställdhet jämställdhetsplan jämställdhetsplaner "
        "handlingsplan deklarationen kvinnor män flickor pojkar förskola skola arbete lön löner "
        "statistik uppföljning mål aktivitet aktiviteter ansvar nämnd nämnden förvaltning "
        "utbildning trygghet våld hälsa idrott kultur bostad planering budget rapport år"
    ),
    "en": (
        "council decision decisions equality plan plans charter women men girls boys school "
        "work pay statistics follow report goal activity activities responsible committee "
        "training safety violence health sport culture housing planning budget year"
    ),
    "fi": (
        "kunta kunnanhallitus päätös tasa-arvo suunnitelma naiset miehet tytöt pojat koulu "
        "työ palkka tilasto seuranta tavoite toimenpide vastuu lautakunta koulutus turvallisuus "
        "väkivalta terveys liikunta kulttuuri asuminen budjetti vuosi"
    ),
    "de": (
        "gemeinde gemeinderat beschluss gleichstellung aktionsplan frauen männer mädchen "
        "jungen schule arbeit lohn statistik bericht ziel maßnahme verantwortung ausschuss "
        "ausbildung sicherheit gewalt gesundheit sport kultur wohnen haushalt jahr"
    ),
}
VOCABULARY = {language: text.split() for language, text in _TEXTS.items()}
RARE = "tjänstepersonalsamordnare"


def bench_search_100k(bench) -> None:
    """Median time of ``search_documents`` on 100,000 documents in four languages."""
    from ..search import search_documents

    organisations, insert_seconds = load()
    for label, arguments in queries([o.pk for o in organisations]).items():
        page = search_documents(**arguments)
        assert page.hits or label == "two words with filters", label
        milliseconds = bench.time_call(lambda a=arguments: search_documents(**a), repeat=7)
        bench.record(
            f"documents: search 100,000 documents, {label}",
            milliseconds,
            "ms",
            documents=DOCUMENTS,
            matches=f"{page.total}+" if page.total_is_estimate else page.total,
            target="< 100",
        )
    bench.record(
        "documents: bulk insert of the search index", insert_seconds, "s", documents=DOCUMENTS
    )


def load():
    """Bulk-insert the organisations, documents and index rows; (organisations, seconds)."""
    from django.db import connection, transaction

    from equalocal.organisations.models import Organisation

    from ..models import Document, SearchRow, StoredFile
    from ..search.query import stem

    rng = random.Random(7)  # noqa: S311 - repeatable test data
    organisations = Organisation.objects.bulk_create(
        Organisation(kind="municipality", name=f"Sök kommun {n}", slug=f"sok-{n}", country="SE")
        for n in range(ORGANISATIONS)
    )
    stems = {
        language: {word: stem(word, language) for word in words}
        for language, words in VOCABULARY.items()
    }
    languages = list(VOCABULARY)
    start = time.perf_counter()
    batch = 5000
    with transaction.atomic():
        for first in range(0, DOCUMENTS, batch):
            # A document is unique per organisation and file, so each gets a file of its own.
            files = StoredFile.objects.bulk_create(
                StoredFile(sha256=f"{first + i:064x}", size=1, file=f"documents/bench/{first + i}")
                for i in range(batch)
            )
            documents = Document.objects.bulk_create(
                Document(
                    organisation=organisations[(first + i) % ORGANISATIONS],
                    stored_file_id=files[i].pk,
                    title=f"Dokument {first + i}",
                    original_filename=f"{first + i}.pdf",
                    stage="review",
                    language=languages[(first + i) % len(languages)],
                    kind=rng.choice(["decision", "action_plan", "report", "other"]),
                )
                for i in range(batch)
            )
            rows = []
            for document in documents:
                language = document.language
                words = rng.choices(VOCABULARY[language], k=rng.randint(200, 500))
                if document.pk % 20_000 == 0:
                    words.append(RARE)
                rows.append(
                    SearchRow(
                        document_id=document.pk,
                        page=1,
                        organisation_id=document.organisation_id,
                        kind=document.kind,
                        language=language,
                        year=2010 + document.pk % 15,
                        cemr=document.pk % 3 == 0,
                        title=document.title,
                        body=" ".join(words),
                        title_stems=document.title.lower(),
                        stems=" ".join(stems[language].get(w, w) for w in words)
                        if connection.vendor != "postgresql"
                        else "",
                    )
                )
            SearchRow.objects.bulk_create(rows, batch_size=1000)
        if connection.vendor == "postgresql":
            from ..search import postgres

            postgres.after_insert(document_ids=list(Document.objects.values_list("pk", flat=True)))
    insert_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As autovacuum would after the vectors were written by UPDATE.
            cursor.execute("VACUUM ANALYZE documents_searchrow")
    return organisations, insert_seconds


def queries(everyone: list[int]) -> dict[str, dict]:
    some = everyone[:5]
    return {
        "common word, all organisations": {"organisation_ids": everyone, "query": "jämställdhet"},
        "common word, 5 organisations": {"organisation_ids": some, "query": "jämställdhetsplaner"},
        "rare word": {"organisation_ids": everyone, "query": RARE},
        "phrase": {"organisation_ids": everyone, "query": '"equality plan"'},
        "two words with filters": {
            "organisation_ids": some,
            "query": "beslut kvinnor",
            "kind": "decision",
            "year": 2020,
        },
    }
