"""Layer 8, report: executing the notebooks, rendering the offline HTML report and checking it.

Imports every layer below it.
"""
