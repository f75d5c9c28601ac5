"""A progress bar for management commands: one line on stderr, rewritten in place."""

from __future__ import annotations


class ProgressBar:
    """One line on stderr, rewritten in place; plain lines when stderr is not a terminal.

    Without a terminal (a log file, CI) a line is written only when the shown text changes
    by a whole step of the bar, so a long run leaves a short log.
    """

    def __init__(self, stream, total: int, width: int = 30):
        self.stream = stream
        self.total = total
        self.width = width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._last = None

    def show(self, done: int, label: str) -> None:
        filled = int(self.width * done / self.total) if self.total else self.width
        if not self.tty and (filled, label) == self._last:
            return
        self._last = (filled, label)
        bar = f"[{'#' * filled}{'.' * (self.width - filled)}]"
        line = f"{bar} {done}/{self.total} {label[:60]}"
        if self.tty:
            self.stream.write("\r\x1b[K" + line, ending="")
        else:
            self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("")
            self.stream.flush()
