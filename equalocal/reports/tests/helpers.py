"""Text out of generated files, as a reader's tools see it."""

from __future__ import annotations

import io


def pdf_text(content: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
        parts += [paragraph.text for paragraph in section.footer.paragraphs]
    return "\n".join(parts)


def editor_of(organisation, **fields):
    """A user who may make the organisation's reports: one of its editors."""
    from equalocal.organisations.models import Role
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(**fields)
    MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    return user


def text_beyond_the_margin(content: bytes, margin_mm: float = 18) -> list[int]:
    """The pages of a PDF with text to the right of the content area (the report's right
    margin): a table too wide for the page, its last columns cut off at the paper's edge."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    pages = []
    try:
        for number, page in enumerate(document, 1):
            limit = page.get_width() - margin_mm * 72 / 25.4 + 1
            text = page.get_textpage()
            if any(text.get_charbox(i)[2] > limit for i in range(text.count_chars())):
                pages.append(number)
    finally:
        document.close()
    return pages
