"""Benchmark: search over 100,000 documents (bulk-inserted index rows, not the pipeline)."""

from __future__ import annotations

import random
import time

from equalocal.core.bench import size

__all__ = ["bench_search_100k"]

#: ``BENCH_DOCUMENTS`` asks for fewer (or more) for a quick try.
DOCUMENTS = 100_000
ORGANISATIONS = 50
TARGET_MS = 50

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
    """p95 of ``search_documents`` on 100,000 documents in four languages, beside the floor:
    the database's bare full-text lookup of 20 matches of the same words, in the same run."""
    from ..search import search_documents

    documents = size("BENCH_DOCUMENTS", DOCUMENTS)
    organisations, insert_seconds = load(documents)
    everyone = [o.pk for o in organisations]
    conditions = {"documents": documents}
    for label, rotation in queries(everyone).items():
        calls = [lambda a=arguments: search_documents(**a) for arguments in rotation]
        page = search_documents(**rotation[0])
        assert page.hits or label == "two words with filters", label
        timings = bench.time_calls(calls, rounds=max(2, 40 // len(calls)))
        target = {"target": f"< {TARGET_MS}"} if label in TARGETS else {}
        bench.record(
            f"documents: search, {label}: p95",
            timings["p95"],
            "ms",
            **conditions,
            p50=round(timings["p50"], 1),
            matches=f"{page.total}+" if page.total_is_estimate else page.total,
            **target,
        )
    floor = bench.time_calls([lambda w=word: bare_lookup(w) for word in COMMON_WORDS], rounds=10)
    bench.record(
        "documents: search floor, bare full-text lookup of 20 matches: p95",
        floor["p95"],
        "ms",
        **conditions,
        p50=round(floor["p50"], 1),
    )
    bench.record("documents: bulk insert of the search index", insert_seconds, "s", **conditions)


def bare_lookup(word: str) -> list:
    """The least a full-text search can do: 20 rows matching a word, no filter, no ranking."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM documents_searchrow "
                "WHERE vector @@ plainto_tsquery('simple', %s) LIMIT 20",
                [word],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH %s LIMIT 20",
                [f'"{word}"'],
            )
        return cursor.fetchall()


def load(total: int = DOCUMENTS):
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
        for first in range(0, total, batch):
            # A document is unique per organisation and file, so each gets a file of its own.
            count = min(batch, total - first)
            files = StoredFile.objects.bulk_create(
                StoredFile(sha256=f"{first + i:064x}", size=1, file=f"documents/bench/{first + i}")
                for i in range(count)
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
                for i in range(count)
            )
            rows = []
            for document in documents:
                language = document.language
                words = rng.choices(VOCABULARY[language], k=rng.randint(200, 500))
                if document.pk % max(1, total // 5) == 0:
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


#: The words of ``bare_lookup``, one in each language: on almost every page of that language.
COMMON_WORDS = ["jämställdhet", "council", "gleichstellung", "kunta"]
TARGETS = ("phrase, one organisation", "common word, all organisations")


def queries(everyone: list[int]) -> dict[str, list[dict]]:
    """Each benchmark query, as a rotation of arguments (organisations, words) for its p95."""
    some = everyone[:5]
    return {
        "phrase, one organisation": [
            # Odd organisations hold the English (and German) documents.
            {"organisation_ids": everyone, "organisation_id": pk, "query": '"equality plan"'}
            for pk in everyone[1::2][:10]
        ],
        "common word, all organisations": [
            {"organisation_ids": everyone, "query": word} for word in COMMON_WORDS
        ],
        "common word, 5 organisations": [
            {"organisation_ids": some, "query": "jämställdhetsplaner"}
        ],
        "rare word": [{"organisation_ids": everyone, "query": RARE}],
        "phrase, all organisations": [{"organisation_ids": everyone, "query": '"equality plan"'}],
        "two words with filters": [
            {"organisation_ids": some, "query": "beslut kvinnor", "kind": "decision", "year": 2020}
        ],
    }
