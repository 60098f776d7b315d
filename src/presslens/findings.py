"""Moved to ``presslens.across`` (store-wide stages live in ``across/``); kept for imports."""

from .across.day_counts import day_count_findings
from .across.figures import (
    answered_figure,
    canonical_noun,
    count_lexicon,
    counted_class,
    numbers_conflict,
    owner,
    predicate,
    source,
)
from .across.findings import KINDS, compute, findings_post
from .across.number_findings import number_findings
from .across.quote_findings import norm_statement, quote_findings, same_statement

__all__ = ["KINDS", "answered_figure", "canonical_noun", "compute", "count_lexicon", "counted_class",
           "day_count_findings", "findings_post", "norm_statement", "number_findings", "numbers_conflict",
           "owner", "predicate", "quote_findings", "same_statement", "source"]
