"""Checks shared by the tests of the coding gold sets."""

from __future__ import annotations

from collections.abc import Iterable

from murmur.engines.coding.code_set import icd10cm


def not_billable(codes: Iterable[str]) -> list[str]:
    """The codes that are not billable (leaf) codes of the bundled FY2026 tabular list."""
    tabular = icd10cm()
    return sorted(
        code for code in codes if (found := tabular.lookup(code)) is None or not found.billable
    )
