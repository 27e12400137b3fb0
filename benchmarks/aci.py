"""ACI-Bench visits as Murmur sees them: one Segment per dialogue turn, plus the references.

The data is the authors' release (../shared/eval-data/aci-bench, CC BY 4.0): `challenge_data`
holds dialogue and reference note per visit, `challenge_data_json` the reference split into the
four divisions the paper scores, `baselines/predictions` the paper's own model outputs.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.eval_data import eval_data

from murmur.transcripts.domain import Segment, SpeakerRole

DATA = eval_data("aci-bench")
SPLITS = {
    "train": "train.csv",
    "valid": "valid.csv",
    "test1": "clinicalnlp_taskB_test1.csv",
}
DIVISIONS = ("subjective", "objective_exam", "objective_results", "assessment_and_plan")
_TURN = re.compile(r"^\[(?P<tag>[a-z_]+)\]\s*(?P<text>.*)$")
# ACI-Bench text is tokenised ("do n't", "gon na"); Whisper writes "don't", "gonna".
_DETOKENIZE = (
    (re.compile(r" n't\b"), "n't"),
    (re.compile(r"\b(gon|wan) na\b"), r"\1na"),
    (re.compile(r" '(s|re|ve|ll|d|m)\b"), r"'\1"),
)
SECONDS_PER_WORD = 0.35


@dataclass(frozen=True, slots=True)
class Encounter:
    encounter_id: str
    dialogue: str
    note: str


def _rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def read_split(split: str) -> list[Encounter]:
    path = DATA / "data" / "challenge_data" / SPLITS[split]
    return [Encounter(r["encounter_id"], r["dialogue"], r["note"]) for r in _rows(path)]


def read_divisions(split: str) -> dict[str, dict[str, str]]:
    """Reference text per division, by encounter id (a division a note lacks is "")."""
    references: dict[str, dict[str, str]] = {}
    for division in DIVISIONS:
        path = DATA / "data" / "challenge_data_json" / f"{Path(SPLITS[split]).stem}_{division}.json"
        for item in json.loads(path.read_text())["data"]:
            encounter_id = item["file"].split("-")[0]
            references.setdefault(encounter_id, {})[division] = item["tgt"]
    return references


def read_predictions(path: Path) -> dict[str, str]:
    return {r["encounter_id"]: r["note"] or "" for r in _rows(path)}


def _turns(dialogue: str) -> Iterator[tuple[SpeakerRole, str]]:
    role, parts = SpeakerRole.CLINICIAN, []
    for line in dialogue.splitlines():
        match = _TURN.match(line.strip())
        if match is None:
            parts.append(line.strip())  # a continuation line without a tag
            continue
        if parts:
            yield role, " ".join(parts)
        is_doctor = match["tag"] in {"doctor", "guest_clinician"}
        role = SpeakerRole.CLINICIAN if is_doctor else SpeakerRole.PATIENT
        parts = [match["text"]]
    if parts:
        yield role, " ".join(parts)


def detokenized(dialogue: str) -> str:
    """The dialogue as a recogniser writes it ("don't", "gonna"), one tagged turn a line."""
    text = dialogue
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


def to_segments(dialogue: str, *, labelled: bool) -> list[Segment]:
    segments: list[Segment] = []
    clock = 0.0
    for role, raw in _turns(dialogue):
        text = raw
        for pattern, replacement in _DETOKENIZE:
            text = pattern.sub(replacement, text)
        duration = max(1.0, SECONDS_PER_WORD * len(text.split()))
        segments.append(Segment(clock, clock + duration, text, role if labelled else None))
        clock += duration + 0.3
    return segments
