"""Layer 3, corpus: the catalog of raw documents, adding documents, and the repaired corpus.

Imports `repair`, `text` and the foundation modules.
"""
