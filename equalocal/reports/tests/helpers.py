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
