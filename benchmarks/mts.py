"""MTS-Dialog items as the coder sees them: a one-section note and the dialogue.

The data is the authors' release (../shared/eval-data/mts-dialog, CC BY 4.0): each row of
`Main-Dataset` pairs a doctor-patient dialogue with one section of the clinician's note.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass

from benchmarks.eval_data import eval_data

DATA = eval_data("mts-dialog")
SPLITS = {
    "mts-test": "MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv",
    "mts-valid": "MTS-Dialog-ValidationSet.csv",
    "mts-train": "MTS-Dialog-TrainingSet.csv",
}
# "Doctor:", "Patient:", "Guest_family:", "Doctor_2:" open a turn.
_TURN = re.compile(r"^\s*(?P<tag>[A-Za-z][A-Za-z0-9_]{1,29})\s*:\s*")


@dataclass(frozen=True, slots=True)
class Item:
    item_id: str
    note: str
    dialogue: str


def as_turns(dialogue: str) -> str:
    """ "Doctor: Hello." -> "[doctor] Hello.", the line format the coder's transcript reader
    takes for every speaker; a line without a speaker is left as it is."""
    return "\n".join(
        _TURN.sub(lambda m: f"[{m['tag'].lower()}] ", line, count=1)
        for line in dialogue.splitlines()
    )


def read_split(split: str) -> list[Item]:
    csv.field_size_limit(sys.maxsize)
    with (DATA / "Main-Dataset" / SPLITS[split]).open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Item(r["ID"], f"{r['section_header']}\n{r['section_text']}", as_turns(r["dialogue"]))
        for r in rows
    ]
