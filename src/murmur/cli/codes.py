"""``murmur codes``: code a note or transcript from a file; ``murmur admin load-codes``: load
a licensed code system from the licensee's release files into this installation."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from murmur.cli.database import in_transaction
from murmur.coding import licensed
from murmur.coding.entities import CodedEntity, code_entities
from murmur.coding.loaders import achi, cpt, opcs, snomed
from murmur.coding.loaders.release import Release
from murmur.coding.systems.concepts import Terminology
from murmur.coding.systems.directory import BUNDLED, LICENSED, canonical
from murmur.db import Transactions, make_engine, make_session_factory
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.errors import InvalidInput
from murmur.migrations.runner import upgrade_to_head
from murmur.settings import Settings

LOADERS: dict[str, Callable[[Path], Release]] = {
    "SNOMED-CT": snomed.read,
    "OPCS-410": opcs.read,
    "ACHI-13": achi.read,
    "CPT": cpt.read,
}
_SPEAKER_LINE = re.compile(r"^\s*(?:\[[a-z_ ]{2,20}\]|(?:doctor|patient|dr|clinician)\s*:)", re.I)


def _print(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")


def _transactions(args: argparse.Namespace) -> Transactions:
    settings = Settings(data_dir=Path(args.data_dir)) if args.data_dir else Settings()
    upgrade_to_head(settings.resolved_database_url)
    return Transactions(make_session_factory(make_engine(settings.resolved_database_url)))


def _read(path: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {path!r}: {error}") from None


def split_input(text: str) -> tuple[str, str]:
    """(note, transcript): a file whose lines carry speaker tags is a transcript."""
    lines = [line for line in text.splitlines() if line.strip()]
    tagged = sum(bool(_SPEAKER_LINE.match(line)) for line in lines)
    return ("", text) if lines and tagged >= max(2, len(lines) // 2) else (text, "")


def entity_json(entity: CodedEntity) -> dict[str, Any]:
    return {
        "entity": entity.entity,
        "code": entity.primary.code,
        "description": entity.primary.description,
        "valid": entity.primary.valid,
        "active": entity.active,
        "confidence": entity.confidence,
        "reason": entity.reason,
        "hierarchy": list(entity.primary.hierarchy),
        "similar": [{"code": s.code, "description": s.description} for s in entity.similar],
        "references": [
            {"source": r.document, "text": r.text, "start": r.start, "end": r.end}
            for r in entity.references
        ],
    }


def _codes(args: argparse.Namespace) -> int:
    system = canonical(args.system)
    note, transcript = split_input(_read(args.text_file))
    if args.transcript_file:
        transcript = _read(args.transcript_file)
    loaded: dict[str, Terminology] = {}
    if system in LICENSED and system != "CPT":  # E/M office visits need no licensed file
        read = partial(licensed.terminology, system=system)
        loaded[system] = in_transaction(_transactions(args), read, read_only=True)
    coder = OfflineCoder(facts=RuleFactExtractor())
    entities = code_entities(
        coder.code_text(note=note, transcript=transcript),
        system=system,
        note=note,
        transcript=transcript,
        licensed=loaded.__getitem__,
        coder=coder,
    )
    if args.format == "json":
        _print({"codingSystem": system, "entities": [entity_json(e) for e in entities]})
        return 0
    for entity in entities:
        state = "active" if entity.active else "inactive"
        sys.stdout.write(
            f"{entity.primary.code:<10} {entity.primary.description} "
            f"[{state}, {entity.confidence:.2f}] {entity.reason}\n"
        )
    return 0


def _load_codes(args: argparse.Namespace) -> int:
    system = canonical(args.system)
    if system in BUNDLED:
        raise InvalidInput(f"{system} is bundled with Murmur; only licensed systems are loaded")
    release = LOADERS[system](Path(args.path))
    stored = in_transaction(_transactions(args), partial(licensed.store, release=release))
    _print(
        {
            "system": system,
            "edition": stored.info.edition,
            "year": stored.info.year,
            "concepts": stored.concept_count,
        }
    )
    return 0


def register(commands: Any, admin_commands: Any) -> None:
    """Adds ``codes`` to the top-level commands and ``load-codes`` to ``admin``."""
    codes = commands.add_parser("codes", help="suggest clinical codes for a note or transcript")
    codes.add_argument("--text-file", required=True, help="note or transcript text ('-': stdin)")
    codes.add_argument("--transcript-file", help="the visit's transcript, when FILE is the note")
    codes.add_argument(
        "--system", default="ICD-10-CM", help="ICD-10-CM, ICD-10, ICD-9-CM, CPT, ..."
    )
    codes.add_argument("--format", choices=("json", "text"), default="text")
    codes.add_argument("--data-dir", help="for licensed systems: where they were loaded")
    codes.set_defaults(handler=_codes)
    load = admin_commands.add_parser(
        "load-codes", help="load a licensed code system from the licensee's release files"
    )
    load.add_argument("--system", required=True, help=", ".join(LOADERS))
    load.add_argument("--path", required=True, help="release folder or file")
    load.set_defaults(handler=_load_codes)
