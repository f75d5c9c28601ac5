"""What kind of document a text is, and whether it concerns the Charter at all."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from ..types import UNKNOWN, ActionRow, Decision, DecisionStatus, DecisionType
from . import lexicon
from .decisions.cues import LEMMA_LIMIT, actions, charter_spans, names_accession, weak_charter_spans
from .decisions.sentences import SENTENCE_STOP, normalise
from .prefilter import Filtered

KINDS = ("decision", "action_plan", "report", "web_page", "other")


def is_cemr_related(text: str) -> bool:
    """True when the Charter (or CEMR) is named; general equality work is not enough."""
    # Whitespace collapsed and words broken at line ends joined ("char-\ntijos").
    flat = normalise(text)
    return bool(charter_spans(flat) or charter_spans(flat[:LEMMA_LIMIT]))


@cache
def _cue_filter() -> tuple[Filtered, dict[str, tuple[str, float]]]:
    parts = []
    groups: dict[str, tuple[str, float]] = {}
    for kind, cues in lexicon.kind_cues().items():
        for index, (_cue, weight, fragments) in enumerate(cues):
            if not fragments:
                continue
            name = f"{kind}_{index}"
            groups[name] = (kind, weight)
            parts.append(f"(?P<{name}>{'|'.join(fragments)})")
    return Filtered(parts, r"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE, list(groups)), groups


@cache
def _cue_groups(key: str) -> frozenset[str]:
    """The regex groups of the cues that common.toml lists under ``key``."""
    named = set(lexicon.common(f"{key}.cues"))
    return frozenset(
        f"{kind}_{index}"
        for kind, cues in lexicon.kind_cues().items()
        for index, (cue, _weight, _fragments) in enumerate(cues)
        if cue in named
    )


def _heading_groups() -> frozenset[str]:
    """The cue groups that count only as a line's first words (kind_headings)."""
    return _cue_groups("kind_headings")


def _news_frame_groups() -> frozenset[str]:
    """The cue groups that only say a text is a news item or sits on a site (kind_news_frame)."""
    return _cue_groups("kind_news_frame")


def _minutes_groups() -> frozenset[str]:
    """The cue groups that name minutes of a meeting (kind_minutes)."""
    return _cue_groups("kind_minutes")


def begins_a_line(text: str, position: int) -> bool:
    """Only spaces and list marks stand before ``position`` on its line."""
    line_start = text.rfind("\n", 0, position) + 1
    return not re.search(r"[^\W_]", text[line_start:position])


_MENU_SEPARATOR = re.compile(r"\s{2,}|\s*\|\s*")
_BREADCRUMB = re.compile(r"\s[>›»/]\s")


def in_a_menu_line(text: str, position: int) -> bool:
    """Whether ``position`` stands in a site's menu line ("Ma ville  Démarches  Actualités
    Agenda", "Home | News | Agenda"): three or more short items set apart by wide spaces or
    bars, none of them a sentence. A section's name there says nothing of the text."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    if len(_BREADCRUMB.findall(line)) >= 2:
        return True  # "Início > Agenda > Semana Municipal da Igualdade": where the page is
    items = [item for item in _MENU_SEPARATOR.split(line) if item]
    return len(items) >= 3 and all(
        len(item.split()) <= 3 and not item.endswith((".", ":")) for item in items
    )


def _cue_regex():
    """All kind cues in one regex; each alternative is a named group (kind, weight)."""
    cues, groups = _cue_filter()
    return cues.get(), groups


def _agenda():
    return lexicon.words("decisions.agenda_words")


_ITEMS = re.compile(r"(?m)^\s*(?:\d{1,2}[.)]|§\s?\d|[-–•]\s)")


MINUTES_CUES = ("protocol", "minutes", "niederschrift", "verbale", "proces_verbal", "acta",
                "protokol", "poytakirja")  # fmt: skip


def _minutes_heading():
    """The words that name minutes (``kinds.decision``'s minutes cues of every language)."""
    return lexicon.words_in_keys(tuple(f"kinds.decision.{cue}" for cue in MINUTES_CUES))


def is_minutes(text: str) -> bool:
    """Minutes of a meeting: a heading line near the top names them within its first words
    ("ESTRATTO DEL PROCESSO VERBALE …", "PROTOKOLL", "Minutes of the meeting …")."""
    head = text[:600]
    for m in _minutes_heading().finditer(head):
        start = head.rfind("\n", 0, m.start()) + 1
        end = head.find("\n", m.start())
        line = head[start : end if end >= 0 else len(head)].strip()
        before = head[start : m.start()].split()
        if (
            len(before) <= 3
            and len(line.split()) <= 12
            and not line.endswith(".")
            and not in_a_menu_line(head, m.start())
        ):
            return True
    return False


def is_agenda(text: str) -> bool:
    """An agenda or notice of meeting: the word as a heading near the top. A heading that
    stands alone on its line must be followed by items: news sites name a section so."""
    head = text[:1500]
    minutes = _minutes_heading().search(head)
    for m in _agenda().finditer(head):
        if minutes and minutes.start() < m.start():
            return False  # "ACTA DE LA SESSIÓ … ORDRE DEL DIA": minutes, item by item
        word = m.group(0)
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line = head[line_start : line_end if line_end >= 0 else len(head)].strip()
        if not (word.isupper() or m.start() - line_start < 40) or in_a_menu_line(head, m.start()):
            continue
        if line == word and not _ITEMS.search(text, m.end(), m.end() + 800):
            continue
        return True
    return False


_MOTION_FILTER = Filtered(
    (
        r"motion|antrag|interfraktioneller\s+antrag|mozione|moción|motie|wniosek|valtuustoaloite",
        r"medborgarförslag|borgerforslag",
    ),
    r"(?<!\w)(?:{alt})(?!\w)",
    re.IGNORECASE,
)


def is_motion(text: str) -> bool:
    """A motion or a formal request (Antrag): named as such in the first lines."""
    head = text[:400]
    return (
        bool(re.search(r"(?m)^\s*(?:MOTION|Motion|Antrag)\b", head))
        or bool(
            re.search(
                r"(?<!\w)(?:interfraktioneller\s+antrag|beantragen\s+wir)(?!\w)", text[:4000], re.I
            )
        )
        or bool(
            _MOTION_FILTER.get().search(head)
            and re.search(r"\bföreslår\s+jag\b|\bI\s+move\b|\bpropongo\b", text, re.I)
        )
    )


DRAFT_HEAD = 600  # characters at the top where a draft says it is one
# Blanks left for the number or the date a decision will get ("UCHWAŁA NR ........../26",
# "z dnia ........ 2026 r.").
_BLANK_NUMBER = re.compile(
    r"(?<!\w)(?:nr|no|n[º°o]?|№|č|br|číslo|numero|número)\.?\s*[.…_]{5,}", re.IGNORECASE
)


def is_draft(text: str) -> bool:
    """A draft decision: a heading of its own that says so at the top ("PROJEKT   druk nr
    412", "DRAFT", "Entwurf"), or the decision's number left blank. What it says it decides
    is proposed."""
    head = text[:DRAFT_HEAD]
    if _BLANK_NUMBER.search(head):
        return True
    words = lexicon.words("decisions.draft_headings")
    for line in head.splitlines():
        line = line.strip()
        match = words.match(line)
        if match and re.match(r"\s*(?:$|:|\s{2,}|[-–]\s)", line[match.end() :]):
            return True
    return False


_EXPLAINING = lexicon.filtered(
    lexicon.WORD_TEMPLATE, "charter.commitment_cues", "decisions.generic_cues"
)
_SIGNATORIES = re.compile(
    r"signat\w*|firmat\w*|firmant\w*|undertecknare|allekirjoittaj\w*|sygnatariusz\w*|"
    r"ondertekenaar\w*|underskriver\w*",
    re.IGNORECASE,
)
_PIECES = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def explanatory_sentences(text: str) -> int:
    """Sentences that explain what the Charter asks of its signatories."""
    explaining = _EXPLAINING.get()
    count = 0
    for piece in _PIECES.split(text):
        if explaining.search(piece) and (weak_charter_spans(piece) or _SIGNATORIES.search(piece)):
            # "The Council resolved to become a signatory": a decision, not an explanation.
            if any(a.category == "decide" and a.tense == "past" for a in actions(piece)[0]):
                continue
            count += 1
    return count


_CRUMB = re.compile(r"\s(?:[|>»›/]|[-–]\s)\s*")
_DATE_LINE = re.compile(r"^(?:\w+\s*:\s*)?[\d\s./-]{6,}(?:\w+\s+\d{4})?\.?$|^\w+:\s*\d")


def is_label_line(line: str) -> bool:
    """A site's label above a title, not the title: a breadcrumb or "site | section" line of
    short parts ("Mestna občina Novo mesto > Novice", "Concello de Ourense | Actualidade";
    not "Long page title - Site"), or a publication line ("Objavljeno: 9. 3. 2021")."""
    line = line.strip()
    if _DATE_LINE.match(line):
        return True
    parts = _CRUMB.split(line)
    short = all(len(part.split()) <= 5 for part in parts)
    return len(parts) >= 2 and short and not line.endswith((".", "!", "?"))


def headline(text: str) -> str:
    """The text's title: its first line that is not a site label or a date, when it has at
    least three words. A page that opens with its site's chrome (a skip link, a cookie
    notice) has its title after the menus: the last title line before the first paragraph."""
    lines = [line.strip() for line in text[:1200].splitlines() if line.strip()]
    if lines and _site_chrome().search(lines[0]):
        return _title_after_chrome(text[:2500])
    first = next((line for line in lines[:4] if not is_label_line(line)), "")[:300]
    return first if len(first.split()) >= 3 else ""


def _site_chrome():
    """A skip link or a cookie notice: the words a site puts before its page."""
    return lexicon.words_in_keys(("kinds.web_page.skip_to_content", "kinds.web_page.cookies"))


_NUMERIC_DATE = re.compile(r"\b\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")


# "16. mars 2026", "Torstai 12.3.": a short line holding a year or a day, not a title.
_SHORT_DATED = re.compile(r"(?=.*\d)(?:[\w.,]+\s*){1,4}")


def _title_after_chrome(head: str) -> str:
    """The last title-shaped line (three to 30 words, no sentence's end, not a menu,
    breadcrumb, date or publication line) before the first paragraph of the page's body."""
    title = ""
    chrome = _site_chrome()
    published = lexicon.words("kinds.web_page.published")
    for match in re.finditer(r"[^\n]+", head):
        line = match.group(0).strip()
        words = line.split()
        if not words or chrome.search(line) or in_a_menu_line(head, match.start()):
            continue
        if _opens_with_a_sentence(line):
            if title:
                return title[:300]
            continue  # a notice before the site's header
        if (
            3 <= len(words) <= 30
            and not line.endswith((".", ":", "]"))
            and not is_label_line(line)
            and not _NUMERIC_DATE.search(line)
            and not _SHORT_DATED.fullmatch(line)
            and not published.search(line)
        ):
            title = line
    return title[:300]


def headline_announces(text: str) -> bool:
    """The title reports an adoption, signing or decision in any tense, or names one
    ("Approvato l'atto…", "Kotka allekirjoittaa peruskirjan", "Odluka o prihvatanju
    povelje", "Adesione formale alla Carta"): headlines use the present and nouns."""
    first = normalise(headline(text))
    if not first:
        return False
    verbs, status_cues = actions(first)
    if "propose" in status_cues:
        return False  # "Prijedlog odluke o pristupanju…": a proposal is announced
    named = bool(verbs) or names_accession(first)
    return named and bool(weak_charter_spans(first) or _rx_plans().search(first))


def _rx_plans():
    return lexicon.words("subjects.plan_words")


def set_as_background(sentence: str) -> bool:
    """The sentence sets a signing as the background of its main clause ("Having joined
    the Charter in 2018, the city set up a working group"): the signing is not the event
    the sentence reports."""
    return bool(lexicon.words("decisions.background").search(sentence))


def find_evidence(text: str, probe: str) -> int:
    """Where ``probe`` (evidence, its whitespace collapsed) starts in ``text``, whatever
    spaces and line breaks the text has between its words; -1 when it is not there."""
    words = probe.split()
    if not words:
        return -1
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return m.start() if m else -1


@dataclass
class KindVerdict:
    """The kind of a document, the confidence in it, and the cues that decided it."""

    kind: str
    confidence: float
    cues: list[str] = field(default_factory=list)  # "decision +3.0 adopted in first line"


TITLE_HEAD = 600  # characters at the top of a text where its title lines stand
TITLE_WORDS = 12  # words of a title line at most


def in_a_title_line(text: str, position: int) -> bool:
    """Whether ``position`` stands in a title line at the top: a short line of its own, not
    a sentence ("Annual Progress Report, Year 3", not "This report was noted by …") nor a
    headline telling what was done ("Radni przyjęli sprawozdanie …")."""
    if position >= TITLE_HEAD:
        return False
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    return (
        0 < len(line.split()) <= TITLE_WORDS
        and not line.endswith((".", ":"))
        and not actions(normalise(line))[0]
    )


def lead_end(text: str) -> int:
    """Where a text's lead ends: its title and the first sentence after it. Labels and
    titles before the first paragraph ("Știri locale", a section name, a counter) are
    short blocks without a sentence's end: the lead is the first block that has one."""
    blocks = list(re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text[:3000]))
    if len(blocks) < 2:
        return blocks[0].end() if blocks else 0
    chrome = _site_chrome()
    body = next(
        (
            b
            for b in blocks[1:]
            if _opens_with_a_sentence(b.group(0)) and not chrome.search(b.group(0)[:300])
        ),
        blocks[1],
    )
    # The lead's first two sentences: "Freiburg will join the Charter. The council decided
    # so yesterday" reports the decision in the second.
    stops = list(SENTENCE_STOP.finditer(body.group(0)))[:LEAD_SENTENCES]
    return body.start() + (stops[-1].end() if stops else len(body.group(0)))


LEAD_SENTENCES = 2


# Decisions that make a news item a decision when its lead reports them: a signing, or a
# council taking a follow-up report (a plan's adoption in the lead opens the plan itself).
_REPORTED_IN_A_LEAD = (DecisionType.SIGN_CHARTER, DecisionType.FOLLOW_UP_REPORT)
# Decisions a text reports by where it tells them; a rejection a news item leads with is
# what it reports ("Radni nie chcą Karty").
_REPORTED_STATUSES = (DecisionStatus.ADOPTED, DecisionStatus.ON_AGENDA, DecisionStatus.REJECTED)


def _opens_with_a_sentence(block: str) -> bool:
    """A paragraph, not a label or title: a sentence of several words ends in it."""
    stop = SENTENCE_STOP.search(block)
    return bool(stop) and len(block[: stop.end()].split()) >= 6


def classify(
    text: str,
    *,
    decisions: Sequence[Decision] = (),
    action_rows: Sequence[ActionRow] = (),
    document_date: str = UNKNOWN,
    agenda: bool = False,
    motion: bool = False,
    formula: bool = False,
    cemr_related: bool | None = None,
) -> KindVerdict:
    """The document's kind with a confidence in 0–1, from weighted cues and structure; the
    verdict lists every cue that counted, so a wrong kind can be explained."""
    scores = dict.fromkeys(KINDS, 0.0)
    cues: list[str] = []

    def cue(kind: str, weight: float, why: str) -> None:
        scores[kind] += weight
        cues.append(f"{kind} {weight:+.1f} {why}")

    regex, groups = _cue_regex()
    seen: dict[str, tuple[float, str]] = {}
    for m in regex.finditer(text[:4000]):
        name = m.lastgroup or ""
        if name in _heading_groups() and not begins_a_line(text, m.start()):
            continue  # a decision cited in a sentence, not the document's own heading
        if in_a_menu_line(text, m.start()):
            continue  # a section of the site's menu
        factor = 1.5 if m.start() < 300 else 1.0
        if groups[name][0] == "report" and in_a_title_line(text, m.start()):
            factor = 2.5  # "RAPPORT ANNUEL DE SUIVI 2024", "Annual Progress Report, Year 3"
        if factor > seen.get(name, (0.0, ""))[0]:
            seen[name] = (factor, m.group(0))
    framing: list[tuple[str, float, str]] = []
    for name, (factor, word) in seen.items():
        kind, weight = groups[name]
        why = f"word {' '.join(word.split())!r}"
        if name in _news_frame_groups():
            framing.append((kind, weight * factor, why))
        else:
            cue(kind, weight * factor, why)
    cue("web_page", 0.8, "prior: most public texts are web pages")
    # Minutes named at the top that record decisions of their own (proposals to the
    # council included): their agenda heading lists what they then decide.
    minutes = any(name in _minutes_groups() for name in seen) and any(
        d.status != DecisionStatus.ON_AGENDA for d in decisions
    )
    if agenda and minutes:
        cue("other", 1.0, "agenda heading in minutes")
    elif agenda:
        cue("other", 4.0, "agenda heading")
    if motion:
        cue("other", 4.0, "motion")
    tabular = [row for row in action_rows if row.confidence >= 0.6]
    report_title = any(
        groups[name][0] == "report" and factor >= 2.5 for name, (factor, _) in seen.items()
    )
    with_status = [row for row in tabular if row.status != UNKNOWN]
    if report_title and len(with_status) >= 3 and len(with_status) * 2 >= len(tabular):
        # A table whose rows carry their state ("Amber – delayed", "En curs") under a
        # report's title follows a plan up: the report's table, not a plan's, also in the
        # paper that asks the council to take note of it.
        cue(
            "report",
            2.5 + min(len(tabular), 10) * 0.2,
            f"{len(with_status)} table rows with their status",
        )
    elif len(tabular) >= 3:
        cue("action_plan", 2.5 + min(len(tabular), 10) * 0.2, f"{len(tabular)} table rows")
    length = max(len(text), 1)
    lead = lead_end(text)
    first_line = text.strip().split("\n", 1)[0][:200]
    doc_year = int(document_date[:4]) if document_date != UNKNOWN else None
    counted: set[str] = set()
    in_lead = False
    looked_back = False
    # A news item or site page (cookies, menus, "news") reporting a plan's adoption in its
    # lead is about that decision; a plan opening with its adoption line has its table.
    # Only for a text about the Charter: news of general equality work is a web page.
    if cemr_related is None:
        cemr_related = is_cemr_related(text)
    news = bool(framing) and len(tabular) < 3 and cemr_related
    # A report titled as one at the top ("Relatório de Execução 2024", "… toteutumisraportti").
    titled_report = report_title and not (framing or formula)
    for decision in decisions:
        if decision.evidence and decision.evidence in counted:
            continue  # organisations listed in one sentence ("A, B och C har undertecknat")
        counted.add(decision.evidence)
        if decision.decision_type == DecisionType.FOLLOW_UP_REPORT and titled_report:
            # A report that opens with the line noting it is the report, not the decision.
            cue("report", 1.5, "the report's own noting")
            continue
        if (
            decision.decision_type == DecisionType.ADOPT_ACTION_PLAN
            and len(tabular) >= 3
            and not titled_report
        ):
            # A plan that opens with its own adoption line is the plan, not the decision.
            cue("action_plan", 1.0, "the plan's own adoption")
            continue
        # The decision is reported where it is first mentioned.
        probes = [p[:40] for p in (decision.evidence, *decision.mentions)]
        found_at = [(find_evidence(text, p), p) for p in probes]
        found_at = [(at, p) for at, p in found_at if at >= 0] or [(-1, probes[0])]
        position, probe = min(found_at)
        where = "later"
        if decision.status in _REPORTED_STATUSES:
            if set_as_background(decision.evidence):
                weight, where = 0.8, "as background"
            elif probe and probe in " ".join(first_line.split()):
                weight, where = 3.0, "in the first line"
                in_lead = True
            elif 0 <= position < lead and (
                decision.decision_type in _REPORTED_IN_A_LEAD
                or (news and decision.decision_type == DecisionType.ADOPT_ACTION_PLAN)
            ):
                # What a news item reports in its title and first paragraph is what it is about.
                weight, where = 2.5, "in the lead"
                in_lead = True
            elif decision.status == DecisionStatus.REJECTED:
                weight = 0.3
            elif 0 <= position < max(200, length * 0.2):
                weight, where = 1.5, "near the top"
            else:
                weight = 0.8
        elif decision.status == DecisionStatus.PROPOSED:
            weight = 0.6
        else:
            weight = 0.3
        date = next(
            (
                value
                for value in (decision.decision_date, decision.signing_date, decision.proposal_date)
                if value != UNKNOWN
            ),
            UNKNOWN,
        )
        label = f"{decision.status} {decision.decision_type} {where}"
        if doc_year and date != UNKNOWN and doc_year - int(date[:4]) >= 2:
            weight *= 0.3  # a decision mentioned in passing, years ago
            if not looked_back:  # the background of a text counts once, however long
                cue("web_page", 0.8, f"decision of {date[:4]} mentioned years later")
            looked_back = True
        cue("decision", weight, label)
    proposing = [d for d in decisions if d.status == DecisionStatus.PROPOSED]
    if proposing and len(proposing) == len(decisions) and not (formula or minutes or news):
        # A draft decision, a motion or a recommendation: the text only proposes. A site's
        # news of the Charter reports what a council did with a proposal.
        cue("other", 2.0, "only proposals")
    if formula:
        cue("decision", 2.5, "decision formula")
    # A site's news of general equality work ("Tavira aprova Plano para a Igualdade", the
    # Charter unnamed) stays a web page.
    announced = headline_announces(text) and (cemr_related or not framing)
    if announced:
        cue("decision", 2.0, "headline announces a decision")
    news_frame(framing, reports_a_decision=announced or in_lead, cue=cue)
    explaining = min(explanatory_sentences(text[:4000]), 3)
    if explaining:
        cue("web_page", explaining * 0.9, f"{explaining} sentence(s) explain the Charter")
    best = max(scores, key=lambda k: scores[k])
    total = sum(math.exp(v) for v in scores.values())
    return KindVerdict(best, round(math.exp(scores[best]) / total, 2), cues)


def news_frame(
    framing: Sequence[tuple[str, float, str]],
    *,
    reports_a_decision: bool,
    cue: Callable[[str, float, str], None],
) -> None:
    """Count the news-frame words ("Novice", "Objavljeno", "Share") for their kind only when
    the item's title and lead report no decision: they say the text is a news item, and a
    news item is of the kind of what it reports (a council decision or a signing is a
    decision), not an informational page."""
    if reports_a_decision:
        return
    for kind, weight, why in framing:
        cue(kind, weight, why)
