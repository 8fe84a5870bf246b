"""The library's strategies for its own tests: a thin re-export of ``gov_disclosure.strategies``.

``reports`` keeps its old meaning here (any report, as a document could state
it); new tests import from ``gov_disclosure.strategies`` directly.
"""

from __future__ import annotations

from gov_disclosure.strategies import (
    HOSTILE_SAMPLES,
    active_disclosures,
    agencies,
    amount_cells,
    amounts,
    applicant_rows,
    applications,
    cells,
    count_cells,
    data_files,
    long_texts,
    narratives,
    notes,
    other_matters,
    paragraphs,
    printable_reports,
    printable_tables,
    processing_fees,
    prose,
    prose_paragraphs,
    review_litigations,
    review_outcomes,
    subsections,
    texts,
    valid_applications,
    valid_reports,
    valid_review_litigations,
    years,
)
from gov_disclosure.strategies import any_reports as reports

__all__ = [
    "HOSTILE_SAMPLES",
    "active_disclosures",
    "agencies",
    "amount_cells",
    "amounts",
    "applicant_rows",
    "applications",
    "cells",
    "count_cells",
    "data_files",
    "long_texts",
    "narratives",
    "notes",
    "other_matters",
    "paragraphs",
    "printable_reports",
    "printable_tables",
    "processing_fees",
    "prose",
    "prose_paragraphs",
    "reports",
    "review_litigations",
    "review_outcomes",
    "subsections",
    "texts",
    "valid_applications",
    "valid_reports",
    "valid_review_litigations",
    "years",
]
