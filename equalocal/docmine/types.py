"""Plain data passed between the readers, the repairer, the extractor and the pipeline.

No Django here: the readers (``docmine.reading``) and the extractor (``docmine.extraction``)
are pure Python so that ``equalocal extract`` can run them without storing anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum

UNKNOWN = "unknown"


class FileType(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    HTML = "html"
    TEXT = "text"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"

    @property
    def is_image(self) -> bool:
        return self in {FileType.PNG, FileType.JPEG, FileType.TIFF}


class RejectReason(StrEnum):
    """Why a file cannot be read. The documents app shows a translated message for each."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"
    EXTENSION_MISMATCH = "extension_mismatch"  # only a warning when content is still readable
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_MANY_PIXELS = "too_many_pixels"
    ZIP_BOMB = "zip_bomb"
    OCR_FAILED = "ocr_failed"
    NO_TEXT = "no_text"


class DocumentRejected(Exception):
    """A file that cannot be processed; ``reason`` picks the user-facing message."""

    def __init__(self, reason: RejectReason, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail


@dataclass
class Repair:
    """One word changed by the repairer; offsets are into the repaired page text."""

    start: int
    end: int
    original: str
    replacement: str
    reason: str  # "diacritics", "ocr_confusion", "split_word", ...
    score: float = 0.0


@dataclass
class PageText:
    number: int  # 1-based
    text: str = ""
    source: str = "text_layer"  # "text_layer", "ocr" or "none" (needs OCR)
    ocr_confidence: float | None = None
    language: str | None = None  # ISO 639-1
    raw_text: str = ""  # before repair; equal to text when nothing was repaired
    repairs: list[Repair] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # rebuilt from OCR word boxes

    @property
    def needs_ocr(self) -> bool:
        return self.source == "none"


@dataclass
class Table:
    rows: list[list[str]]  # first row is usually the heading row
    page: int | None = None


@dataclass
class ReadResult:
    file_type: FileType
    pages: list[PageText]
    tables: list[Table] = field(default_factory=list)
    title: str = ""
    warnings: list[str] = field(default_factory=list)  # RejectReason values that were not fatal

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def ocr_used(self) -> bool:
        return any(p.source == "ocr" for p in self.pages)


class DecisionType(StrEnum):
    """What a decision is about. The values are stored with extracted items."""

    SIGN_CHARTER = "sign_charter"
    ADOPT_ACTION_PLAN = "adopt_action_plan"
    FOLLOW_UP_REPORT = "follow_up_report"
    OTHER = "other"


class DecisionStatus(StrEnum):
    """How far a decision got. The values are stored with extracted items."""

    ADOPTED = "adopted"
    PROPOSED = "proposed"
    ON_AGENDA = "on_agenda"
    REJECTED = "rejected"


@dataclass
class Decision:
    organisation: str = UNKNOWN
    country: str = UNKNOWN
    decision_date: str = UNKNOWN  # YYYY-MM-DD, YYYY-MM, YYYY or unknown
    deciding_body: str = UNKNOWN
    paragraph: str = UNKNOWN
    case_number: str = UNKNOWN
    decision_type: DecisionType = DecisionType.OTHER
    status: DecisionStatus = DecisionStatus.ADOPTED
    evidence: str = ""
    confidence: float = 0.0
    signing_date: str = UNKNOWN
    # A proposal is decided later by another body: its ``decision_date`` stays unknown, and the
    # day the proposing body made it (a committee's meeting, the paper's date) is kept here.
    proposal_date: str = UNKNOWN
    page: int | None = None
    organisation_id: int | None = None  # set when matched to an existing organisation
    # The evidence of other mentions merged into this one ("Nu har X anslutit sig …" above
    # "Fullmäktige beslutade den 24 februari …"): where the text first reports it.
    mentions: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["mentions"]
        return data


@dataclass
class ActionRow:
    goal: str = UNKNOWN
    activity: str = UNKNOWN
    responsible: str = UNKNOWN
    timeframe: str = UNKNOWN
    status: str = UNKNOWN
    charter_article: str = UNKNOWN
    confidence: float = 0.0
    page: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class OrganisationCandidate:
    """An existing organisation the extractor may match names against."""

    id: int
    name: str
    country: str = ""  # ISO 3166-1 alpha-2
    aliases: tuple[str, ...] = ()


@dataclass
class Analysis:
    language: str = UNKNOWN
    kind: str = "other"  # decision, action_plan, report, web_page, other
    kind_confidence: float = 0.0
    kind_cues: list[str] = field(default_factory=list)  # why the kind was chosen
    cemr_related: bool = False
    organisation: str = UNKNOWN
    organisation_id: int | None = None
    country: str = UNKNOWN
    document_date: str = UNKNOWN
    decisions: list[Decision] = field(default_factory=list)
    action_rows: list[ActionRow] = field(default_factory=list)
