"""sahel-analysis: repair, analyse and report on Arabic policy documents about the Sahel."""

from importlib.metadata import version as _version

from .corpus import Document, get_document, load_corpus
from .errors import SahelError

__all__ = ["Document", "SahelError", "__version__", "get_document", "load_corpus"]

__version__ = _version("sahel-analysis")
