"""Where the public evaluation data lives: ../shared/eval-data beside the checkout, or the
machine's shared copy when the checkout is elsewhere (a CI clone in /tmp)."""

from __future__ import annotations

from pathlib import Path

_BESIDE = Path(__file__).resolve().parents[1].parent / "shared" / "eval-data"
_SHARED = Path("/work/shared/eval-data")


def eval_data(name: str) -> Path:
    """The folder of one data set, e.g. ``eval_data("aci-bench")``."""
    beside = _BESIDE / name
    return beside if beside.exists() else _SHARED / name
