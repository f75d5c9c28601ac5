"""The document engine: reading, OCR, repair, language, classification, extraction, evaluation.

Django-free: it imports only itself, the standard library and third-party libraries, so
``equalocal extract`` and the tests in ``docmine/tests`` run without settings or a database.
Settings-like values arrive as parameters (``reading.Limits``, OCR language codes).

- ``types``: the plain data passed between the parts (pages, tables, decisions, rows).
- ``reading``: file type by content, text per page (PDF, DOCX, ODT, HTML, text, images), OCR.
- ``text``: OCR repair, language detection, word error rate.
- ``extraction``: document kind, Charter relation, decisions, action rows, evaluation.
- ``languages``: the extractor's vocabulary, one data file per language.
"""
