"""Document files for the pipeline, upload and view tests: the engine's session fixtures."""

from equalocal.docmine.tests.conftest import (  # noqa: F401 - fixtures, found by name
    born_digital_pdf,
    docx_002,
    encrypted_pdf,
    extraction_dev_dir,
    fixture_dir,
    html_with_scripts,
    huge_image,
    many_pages_pdf,
    scanned_protocol_pdf,
    truncated_pdf,
    zip_bomb_docx,
)
