"""The one exception type for domain failures raised by services."""


class ApplicationError(Exception):
    """A domain rule was broken; ``message`` is translated and safe to show to the user.

    ``field`` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class ConcurrentEditError(ApplicationError):
    """Someone else saved the record since it was opened; ``current`` is their version."""

    def __init__(self, message: str, *, current):
        super().__init__(message)
        self.current = current


class StateConflictError(ApplicationError):
    """The record is no longer in the state the action needs (a request answered already);
    ``state`` is its state now. Unlike a stale lock, reading it again does not help."""

    def __init__(self, message: str, *, state: str):
        super().__init__(message)
        self.state = state
