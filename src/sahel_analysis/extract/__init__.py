"""Layer 4, extract: what the machine finds in any document (actors, dates, enumerations, new names).

Imports `corpus`, `repair`, `text` and the foundation modules.
"""
