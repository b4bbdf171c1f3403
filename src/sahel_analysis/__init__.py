"""sahel-analysis: repair, analyse and report on Arabic policy documents about the Sahel."""

from importlib.metadata import version as _version

from sahel_analysis.analysis.search import search
from sahel_analysis.corpus.catalog import Document, get_document, load_corpus
from sahel_analysis.corpus.repaired import RepairedDocument, repaired_corpus
from sahel_analysis.errors import SahelError
from sahel_analysis.repair import detect_visual_order, repair_text
from sahel_analysis.text.normalize import normalize_arabic, normalize_with_offsets

__all__ = [
    "Document",
    "RepairedDocument",
    "SahelError",
    "__version__",
    "detect_visual_order",
    "get_document",
    "load_corpus",
    "load_export",
    "normalize_arabic",
    "normalize_with_offsets",
    "repair_text",
    "repaired_corpus",
    "search",
]

__version__ = _version("sahel-analysis")


def __getattr__(name: str):
    """`load_export` on first use: the export layer (frictionless, pyarrow, jsonschema) costs
    seconds to import, and every command, `--help` included, imports this package."""
    if name == "load_export":
        from sahel_analysis.export.load import load_export

        return load_export
    raise AttributeError(f"module 'sahel_analysis' has no attribute {name!r}")
