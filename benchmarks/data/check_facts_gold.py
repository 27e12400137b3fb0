"""Check facts_gold.jsonl (the clinical facts gold set, see FACTS.md) against its sources.

Every line must parse; every encounter and fact must have exactly the fields of its kind, with
valid enum values; the split must follow the written rule; the key flag must follow the key rule;
and every quote must be an exact substring of one line of that encounter's dialogue, said by the
fact's speaker. Standard library only:

    python benchmarks/data/check_facts_gold.py [path/to/facts_gold.jsonl]

The dialogue text is what the source files hold: ACI-Bench's ``dialogue`` column and MTS-Dialog's
``dialogue`` column as written, and PriMock57's two TextGrids merged by start time with the
cleaning of ``benchmarks/primock.py`` (``<UNIN/>`` and ``<INAUDIBLE_SPEECH/>`` dropped, ``<UNSURE>``
tags removed, whitespace collapsed), one ``[doctor]``/``[patient]`` line per utterance.
"""

from __future__ import annotations

import collections
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "facts_gold.jsonl"
_BESIDE = HERE.parents[2] / "shared" / "eval-data"
DATA = _BESIDE if _BESIDE.exists() else Path("/work/shared/eval-data")

ACI = {
    "aci-bench/train": "train.csv",
    "aci-bench/valid": "valid.csv",
    "aci-bench/test1": "clinicalnlp_taskB_test1.csv",
}
MTS = {
    "mts-dialog/test": "MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv",
    "mts-dialog/valid": "MTS-Dialog-ValidationSet.csv",
}
PRIMOCK = "primock57"
ROLE = {
    "doctor": "clinician",
    "guest_clinician": "clinician",
    "patient": "patient",
    "patient_guest": "companion",
    "guest_family": "companion",
}

COMMON = {"kind", "assertion", "experiencer", "speaker", "key", "quote"}
FIELDS = {
    "diagnosis": {"name", "aliases", "certainty", "status", "laterality", "site", "acuity"},
    "symptom": {
        "name",
        "aliases",
        "site",
        "laterality",
        "onset",
        "duration",
        "severity",
        "character",
        "modifiers",
    },
    "medication": {
        "name",
        "aliases",
        "action",
        "dose",
        "route",
        "frequency",
        "duration",
        "as_needed",
        "indication",
    },
    "allergy": {"substance", "reaction"},
    "vital": {"name", "value", "unit", "abnormal"},
    "score": {"name", "value", "abnormal"},
    "exam": {"system", "finding", "laterality", "normal"},
    "result": {"name", "value", "abnormal"},
    "order": {"order_type", "name", "laterality", "site"},
    "instruction": {"text"},
    "return_precaution": {"trigger"},
    "follow_up": {"interval", "text"},
    "history": {"name", "aliases", "type"},
    "social": {"category", "text"},
    "family_history": {"relative", "condition"},
}
ENUMS = {
    "assertion": {
        "present",
        "absent",
        "possible",
        "hypothetical",
        "conditional",
        "historical",
        "planned",
    },
    "experiencer": {"patient", "family", "other"},
    "speaker": {"clinician", "patient", "companion"},
    "laterality": {"left", "right", "bilateral", None},
    "certainty": {"confirmed", "suspected", "ruled_out"},
    "status": {"new", "chronic", "resolved", None},
    "acuity": {"acute", "chronic", None},
    "action": {"started", "stopped", "changed", "continued", "refilled", "held", "taking"},
    "order_type": {"lab", "imaging", "referral", "procedure"},
    "type": {"medical", "surgical"},
    "category": {"tobacco", "alcohol", "drugs", "occupation", "other"},
}
VITALS = {
    "blood_pressure",
    "heart_rate",
    "temperature",
    "spo2",
    "respiratory_rate",
    "weight",
    "height",
    "bmi",
    "glucose",
}
BOOLS = {"abnormal", "normal", "key"}
NULLABLE_BOOLS = {"as_needed"}
# Visits whose speaker tags are wrong in the source for some lines (ACI-Bench D2N085 runs the
# patient's answers into [doctor] lines; D2N106 and D2N125 have many turns tagged with the other
# speaker): there a fact names who actually said the words, which may differ from the tag.
MISTAGGED = {"D2N085", "D2N106", "D2N125"}


def rule_key(fact: dict) -> bool | None:
    """The key flag the written rule gives; None for diagnoses (judged per visit)."""
    kind, assertion = fact["kind"], fact["assertion"]
    if kind == "diagnosis":
        return None
    if assertion in ("absent", "hypothetical") and kind != "allergy":
        return False
    if assertion == "historical" and kind in ("medication", "order", "follow_up"):
        return False
    if kind == "medication":
        return fact["action"] in ("started", "stopped", "changed", "held", "refilled")
    if kind in ("allergy", "order", "return_precaution", "follow_up", "family_history"):
        return True
    if kind in ("vital", "score", "result"):
        return bool(fact["abnormal"])
    if kind == "exam":
        return fact["normal"] is False and fact["laterality"] is not None
    return False


def expected_split(encounter: str, source: str) -> str:
    if source == "aci-bench/train":
        return "dev"
    if source == "aci-bench/valid":
        return "held_out"
    if source == "aci-bench/test1":
        return "dev" if int(encounter[3:]) % 2 == 0 else "held_out"
    if source == PRIMOCK:
        return "dev" if int(encounter.rsplit("consultation", 1)[1]) % 2 == 0 else "held_out"
    return "dev" if int(encounter.rsplit("-", 1)[1]) % 2 == 0 else "held_out"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


_INTERVAL = re.compile(
    r"xmin = (?P<start>[\d.]+)\s*\n\s*xmax = (?P<end>[\d.]+)\s*\n"
    r"\s*text = \"(?P<text>(?:[^\"]|\"\")*)\""
)
_DROPPED = re.compile(r"<(?:UNIN|INAUDIBLE_SPEECH)\s*/>", re.IGNORECASE)
_UNSURE = re.compile(r"</?UNSURE>", re.IGNORECASE)


def primock_lines(consultation: str) -> list[tuple[str, str]]:
    turns = []
    for role in ("doctor", "patient"):
        grid = (DATA / PRIMOCK / "transcripts" / f"{consultation}_{role}.TextGrid").read_text()
        for m in _INTERVAL.finditer(grid):
            text = _UNSURE.sub("", _DROPPED.sub(" ", m["text"].replace('""', '"')))
            text = re.sub(r"\s+", " ", text).strip()
            if text:
                turns.append((float(m["start"]), role, text))
    turns.sort(key=lambda t: (t[0], t[1]))
    return [(ROLE[role], f"[{role}] {text}") for _, role, text in turns]


def tagged_lines(dialogue: str, tag: re.Pattern[str]) -> list[tuple[str | None, str]]:
    lines, role = [], None
    for line in dialogue.splitlines():
        if m := tag.match(line):
            role = ROLE.get(m.group(1).lower(), role)
        lines.append((role, line))
    return lines


def dialogue_lines(encounter: str, source: str, cache: dict) -> list[tuple[str | None, str]]:
    if source in ACI:
        if source not in cache:
            path = DATA / "aci-bench" / "data" / "challenge_data" / ACI[source]
            cache[source] = {r["encounter_id"]: r["dialogue"] for r in _csv_rows(path)}
        return tagged_lines(cache[source][encounter], re.compile(r"^\s*\[([a-z_]+)\]"))
    if source in MTS:
        if source not in cache:
            path = DATA / "mts-dialog" / "Main-Dataset" / MTS[source]
            cache[source] = {r["ID"]: r["dialogue"] for r in _csv_rows(path)}
        dialogue = cache[source][encounter.rsplit("-", 1)[1]]
        return tagged_lines(dialogue, re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]{1,29})\s*:"))
    return primock_lines(encounter)


def check_fact(fact: dict, where: str, lines: list, encounter: str) -> list[str]:
    errors = []
    kind = fact.get("kind")
    if kind not in FIELDS:
        return [f"{where}: unknown kind {kind!r}"]
    missing = (COMMON | FIELDS[kind]) - fact.keys()
    extra = fact.keys() - (COMMON | FIELDS[kind])
    if missing or extra:
        errors.append(f"{where}: missing {sorted(missing)} extra {sorted(extra)}")
        return errors
    for field, allowed in ENUMS.items():
        if field in fact and fact[field] not in allowed:
            errors.append(f"{where}: {field}={fact[field]!r} not in {sorted(map(str, allowed))}")
    for field in BOOLS & fact.keys():
        if not isinstance(fact[field], bool):
            errors.append(f"{where}: {field} must be true or false")
    for field in NULLABLE_BOOLS & fact.keys():
        if fact[field] is not None and not isinstance(fact[field], bool):
            errors.append(f"{where}: {field} must be a bool or null")
    if "aliases" in fact and not (
        isinstance(fact["aliases"], list) and all(isinstance(a, str) for a in fact["aliases"])
    ):
        errors.append(f"{where}: aliases must be a list of strings")
    name_field = {
        "diagnosis": "name",
        "symptom": "name",
        "medication": "name",
        "history": "name",
        "allergy": "substance",
        "order": "name",
        "instruction": "text",
        "return_precaution": "trigger",
        "social": "text",
        "family_history": "condition",
        "result": "name",
        "score": "name",
        "exam": "finding",
    }.get(kind)
    if name_field and not (isinstance(fact[name_field], str) and fact[name_field].strip()):
        errors.append(f"{where}: {name_field} must be a non-empty string")
    if name_field in ("name", "substance") and fact[name_field] != fact[name_field].lower():
        errors.append(f"{where}: {name_field} must be lower-case")
    if kind == "vital" and fact["name"] not in VITALS:
        errors.append(f"{where}: vital name {fact['name']!r} not in {sorted(VITALS)}")
    if kind == "follow_up" and not (fact["interval"] or fact["text"]):
        errors.append(f"{where}: follow_up needs an interval or a text")
    if kind == "family_history" and fact["experiencer"] != "family":
        errors.append(f"{where}: family_history experiencer must be family")
    expected = rule_key(fact)
    if expected is not None and fact["key"] != expected:
        errors.append(f"{where}: key {fact['key']} but the key rule gives {expected}")
    quote = fact["quote"]
    if not isinstance(quote, str) or not quote.strip() or "\n" in quote:
        errors.append(f"{where}: quote must be a non-empty single-line string")
        return errors
    speakers = {role for role, line in lines if quote in line}
    if not speakers:
        errors.append(f"{where}: quote not in the dialogue: {quote!r}")
    elif fact["speaker"] not in speakers and encounter in MISTAGGED:
        print(
            f"  note {where}: {fact['speaker']} said it on a line tagged "
            f"{'/'.join(sorted(map(str, speakers)))}"
        )
    elif fact["speaker"] not in speakers:
        errors.append(
            f"{where}: speaker {fact['speaker']} but the quote is on "
            f"{sorted(map(str, speakers))} lines: {quote!r}"
        )
    return errors


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    errors: list[str] = []
    cache: dict = {}
    seen: set[str] = set()
    kinds: collections.Counter = collections.Counter()
    keys: collections.Counter = collections.Counter()
    splits: collections.Counter = collections.Counter()
    by_split: collections.Counter = collections.Counter()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            errors.append(f"line {number}: not JSON ({error})")
            continue
        if set(row) != {"encounter", "source", "split", "facts"}:
            errors.append(f"line {number}: fields {sorted(row)}")
            continue
        encounter, source, split = row["encounter"], row["source"], row["split"]
        if source not in {**ACI, **MTS, PRIMOCK: None}:
            errors.append(f"line {number}: unknown source {source!r}")
            continue
        if encounter in seen:
            errors.append(f"line {number}: {encounter} appears twice")
        seen.add(encounter)
        if split != expected_split(encounter, source):
            errors.append(
                f"{encounter}: split {split} but the rule gives {expected_split(encounter, source)}"
            )
        splits[(source.split("/")[0], split)] += 1
        lines = dialogue_lines(encounter, source, cache)
        if not row["facts"]:
            errors.append(f"{encounter}: no facts")
        for index, fact in enumerate(row["facts"]):
            errors += check_fact(fact, f"{encounter} fact {index}", lines, encounter)
            kinds[fact.get("kind")] += 1
            keys[fact.get("kind")] += bool(fact.get("key"))
            by_split[split] += 1
    for error in errors:
        print("ERROR", error)
    print(f"{len(seen)} encounters, {sum(kinds.values())} facts, {sum(keys.values())} key")
    for (source, split), count in sorted(splits.items()):
        print(f"  {source:10} {split:9} {count} encounters")
    for split, count in sorted(by_split.items()):
        print(f"  facts in {split}: {count}")
    for kind, count in kinds.most_common():
        print(f"  {kind:18} {count:4}  key {keys[kind]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
