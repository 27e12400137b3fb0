"""ICD-10-CM combination rules the guidelines impose on coded conditions.

Hypertension with heart failure is I11.0 (guideline I.C.9.a.1 presumes the link), reported
with the heart failure code; with chronic kidney disease I12.9, with both I13.0 (I.C.9.a.2-3).
"""

from __future__ import annotations

from collections.abc import Sequence

from murmur.coding.domain import CodeSuggestion


def _has(suggestions: Sequence[CodeSuggestion], prefix: str) -> bool:
    return any(s.active and s.code.startswith(prefix) for s in suggestions)


def hypertension_combination(suggestions: Sequence[CodeSuggestion]) -> str | None:
    """The code that replaces I10 for this visit, if one does."""
    if not _has(suggestions, "I10"):
        return None
    heart_failure, kidney = _has(suggestions, "I50"), _has(suggestions, "N18")
    if heart_failure and kidney:
        return "I13.0"
    if heart_failure:
        return "I11.0"
    return "I12.9" if kidney else None
