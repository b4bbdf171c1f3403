"""The Frictionless Data Package of an export, built with frictionless: typed fields, keys, vocabularies, licences.

Every column of every written file is declared in `datasets` (a required field
or a described extra); this module turns those declarations into frictionless
`Schema`, `Resource` and `Package` objects, so the descriptor is whatever
frictionless itself writes and validates, not JSON assembled by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from frictionless import Package, Resource, Schema, fields

from sahel_analysis.corpus.catalog import NOT_STATED
from sahel_analysis.errors import SahelError
from sahel_analysis.export.datasets import Dataset, Field

FIELD_TYPES = {
    "string": fields.StringField,
    "integer": fields.IntegerField,
    "number": fields.NumberField,
    "boolean": fields.BooleanField,
    "date": fields.DateField,
}
# The project's own coding (ids, glosses, categories, offsets, links) is open data.
CODING_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0: the project's coding (every column but the verbatim quotes)",
}
# Open Definition id for terms that are not an open licence: the sources' own words keep their copyright.
QUOTE_LICENSE_NAME = "other-closed"
UNSTATED_TERMS = "the catalog states no terms; copyright remains with the author or publisher"
PACKAGE_NAME = "sahel-analysis"
PACKAGE_TITLE = (
    "sahel-analysis datasets: actors, positions, events and lists in Arabic Sahel policy documents"
)
PACKAGE_DESCRIPTION = (
    "Codings of Arabic policy documents about the Sahel. Empty cells are missing values. "
    "Offsets are characters of the repaired text that `sahel-analysis repair` prints. "
    "Columns named in a resource's licences as quotes hold the sources' own words, which stay under "
    "each source's terms (documents.csv `terms`); everything else is the project's coding under CC-BY-4.0."
)


def column_fields(dataset: Dataset, header: Iterable[str]) -> list[Field]:
    """The declared field of every column of a written file, in the file's order; an undeclared column is an error."""
    declared = {f.name: f for f in (*dataset.fields, *dataset.extras)}
    missing = [name for name in header if name not in declared]
    if missing:
        raise SahelError(dataset.file, f"columns not declared in export.datasets: {', '.join(missing)}")
    return [declared[name] for name in header]


def frictionless_field(field: Field):
    """The frictionless field of a declared column, with its vocabulary as an enum constraint."""
    constraints = {"enum": list(field.enum)} if field.enum else {}
    return FIELD_TYPES[field.type](name=field.name, description=field.description, constraints=constraints)


def quote_licenses(dataset: Dataset, corpus) -> list[dict[str, str]]:
    """One licence per distinct catalog terms of the corpus's documents, for the columns quoting them."""
    by_terms: dict[str, list[str]] = {}
    for rd in corpus:
        terms = " ".join(rd.doc.terms.split())
        by_terms.setdefault(terms if terms and terms != NOT_STATED else UNSTATED_TERMS, []).append(rd.id)
    columns = ", ".join(dataset.quotes)
    return [
        {"name": QUOTE_LICENSE_NAME, "title": f"{columns} of documents {', '.join(ids)}: {terms}"}
        for terms, ids in by_terms.items()
    ]


def resource(dataset: Dataset, header: Iterable[str], corpus) -> Resource:
    """The tabular resource of one written CSV: typed, keyed, described and licensed."""
    schema = Schema(
        fields=[frictionless_field(f) for f in column_fields(dataset, header)],
        missing_values=[""],
        primary_key=list(dataset.primary_key),
        foreign_keys=[
            {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
            for fk in dataset.foreign_keys
        ],
    )
    licenses = [CODING_LICENSE, *(quote_licenses(dataset, corpus) if dataset.quotes else ())]
    return Resource(
        name=dataset.name,
        path=dataset.file,
        profile="tabular-data-resource",
        format="csv",
        mediatype="text/csv",
        encoding="utf-8",
        description=dataset.description,
        licenses=licenses,
        schema=schema,
    )


def package(datasets: Iterable[Dataset], extras: Mapping[str, list[str]], corpus) -> Package:
    """The Data Package of the written files; `extras` are each file's columns after its declared fields."""
    resources = [
        resource(ds, [*(f.name for f in ds.fields), *extras.get(ds.name, [])], corpus) for ds in datasets
    ]
    return Package(
        name=PACKAGE_NAME,
        title=PACKAGE_TITLE,
        description=PACKAGE_DESCRIPTION,
        profile="tabular-data-package",
        licenses=[CODING_LICENSE],
        resources=resources,
    )


def describe_export(datasets: Iterable[Dataset], extras: Mapping[str, list[str]], corpus) -> dict:
    """The `datapackage.json` descriptor (a dict) of an export, as frictionless writes it."""
    return package(datasets, extras, corpus).to_dict()
