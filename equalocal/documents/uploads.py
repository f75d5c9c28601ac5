"""An upload handler that stops storing a file as soon as it passes the size limit."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitHandler(FileUploadHandler):
    """First in the chain: counts each file's bytes and skips the file past ``limit``.

    Skipped files never reach the next handler (memory or temporary file), so an oversized
    upload is refused while it streams in, not after it has been written whole; their names are
    kept in ``skipped`` so the page can say which files were refused.
    """

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.skipped: list[str] = []
        self._received = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._received += len(raw_data)
        if self._received > self.limit:
            self.skipped.append(self.file_name or "")
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
