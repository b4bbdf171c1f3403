"""Layer 6, analysis: tables and findings over any corpus, computed from extraction and coding.

Imports every layer below it (`coding`, `extract`, `corpus`, `repair`, `text`).
"""
