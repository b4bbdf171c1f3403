"""sahel-analysis: repair, analyse and report on Arabic policy documents about the Sahel."""

from importlib.metadata import version as _version

from .corpus import Document, get_document, load_corpus
from .documents import RepairedDocument, repaired_corpus
from .errors import SahelError
from .normalize import normalize_arabic, normalize_with_offsets
from .repair import detect_visual_order, repair_text
from .search import search

__all__ = [
    "Document",
    "RepairedDocument",
    "SahelError",
    "__version__",
    "detect_visual_order",
    "get_document",
    "load_corpus",
    "normalize_arabic",
    "normalize_with_offsets",
    "repair_text",
    "repaired_corpus",
    "search",
]

__version__ = _version("sahel-analysis")
