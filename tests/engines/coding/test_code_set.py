from __future__ import annotations

import subprocess
import sys

import pytest

from murmur.engines.coding.code_set import format_code, icd10cm, normalize_code


@pytest.mark.parametrize(
    ("raw", "dotted"), [("J209", "J20.9"), ("I10", "I10"), ("s93409a", "S93.409A"), ("R05", "R05")]
)
def test_codes_are_shown_with_the_dot_after_the_category(raw: str, dotted: str) -> None:
    assert format_code(raw) == dotted
    assert normalize_code(dotted) == raw.upper()


def test_lookup_accepts_codes_with_or_without_the_dot() -> None:
    codes = icd10cm()

    assert codes.lookup("J20.9") == codes.lookup("j209")
    found = codes.lookup("J20.9")
    assert found is not None
    assert found.description == "Acute bronchitis, unspecified"
    assert found.billable


def test_an_unknown_code_is_not_found() -> None:
    assert icd10cm().lookup("J20.99") is None
    assert "ABC.1" not in icd10cm()


def test_description_search_needs_every_word_and_prefers_the_plainest() -> None:
    results = icd10cm().search("acute bronchitis")

    assert results[0].code == "J20.9"
    assert all("bronchitis" in r.description.lower() for r in results)


def test_the_code_set_is_read_without_running_the_data_packages_module() -> None:
    probe = (
        "import sys; from murmur.engines.coding.offline import OfflineCoder; "
        "import murmur.engines.coding.code_set as m; assert len(m.icd10cm()) > 90000; "
        "print('simple_icd_10_cm' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "False"
