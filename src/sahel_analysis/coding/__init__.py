"""Layer 5, coding: the curated codings (events, stances, relations, lists, notes), loaded, validated and located in the text.

Imports `extract`, `corpus`, `text` and the foundation modules.
"""
