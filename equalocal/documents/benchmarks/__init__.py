"""Benchmarks for documents (``make bench``): reading and OCR, the whole pipeline, search."""

from .load import *  # noqa: F403
from .pipeline import *  # noqa: F403
from .reading import *  # noqa: F403
from .search import *  # noqa: F403
from .unstructured import *  # noqa: F403
