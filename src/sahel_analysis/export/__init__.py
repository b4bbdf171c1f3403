"""Layer 8, export: the datasets users take away, declared once (`datasets`) and written (`writer`).

Imports `analysis` and every layer below it.
"""

from sahel_analysis.export.datasets import DATASETS, Dataset, Field
from sahel_analysis.export.writer import datapackage, export_all, to_csv

__all__ = ["DATASETS", "Dataset", "Field", "datapackage", "export_all", "to_csv"]
