"""``murmur notes``: write a note, or read the clinical facts, from a pasted transcript; manage
tenant templates and provider example notes."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from murmur.cli.database import in_transaction
from murmur.errors import InvalidInput, TemplateNotFound
from murmur.facts.quotes import quoted_facts
from murmur.migrations.runner import upgrade_to_head
from murmur.notes import service
from murmur.notes.domain import VoiceStyle, WrittenNote
from murmur.notes.ports import NoteBrief, NoteWriter
from murmur.notes.rendering import ContentType, render
from murmur.notes.templates import BUILT_IN_TEMPLATES, DEFAULT_TEMPLATE, Template
from murmur.services import build_services, fact_extractor, note_writer
from murmur.settings import Settings
from murmur.tenancy import service as tenancy
from murmur.transcripts.domain import Segment
from murmur.transcripts.pasted import parse_transcript

FORMATS = ("json", "markdown", "html")


def _read(path: str, *, what: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read the {what} {path!r}: {error}") from None


def built_in_template(choice: str | None) -> Template:
    """A built-in template by id, or by name (case-insensitive, a unique prefix will do)."""
    if not choice:
        return DEFAULT_TEMPLATE
    try:
        found = BUILT_IN_TEMPLATES.get(uuid.UUID(choice))
    except ValueError:
        wanted = choice.strip().lower()
        matches = [t for t in BUILT_IN_TEMPLATES.values() if t.name.lower().startswith(wanted)]
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        names = "; ".join(f"{t.id} {t.name}" for t in BUILT_IN_TEMPLATES.values())
        raise TemplateNotFound(f"--template {choice!r} is not a built-in template ({names})")
    return found


def _style(choice: str) -> VoiceStyle:
    try:
        return VoiceStyle(choice.strip().upper())
    except ValueError:
        styles = ", ".join(style.value for style in VoiceStyle)
        raise InvalidInput(f"--style {choice!r} is not one of {styles}") from None


def _evidence(position: int, segments: Sequence[Segment]) -> dict[str, Any]:
    segment = segments[position]
    return {
        "segment": position,
        "start": segment.start,
        "end": segment.end,
        "speaker": segment.speaker.value if segment.speaker else None,
        "text": segment.text,
    }


def note_json(note: WrittenNote, template: Template, segments: Sequence[Segment]) -> dict[str, Any]:
    structure = note.to_structure()
    for section in structure["sections"]:
        for sentence in section["sentences"]:
            sentence["evidence"] = [
                _evidence(p, segments) for p in sentence["evidence"] if 0 <= p < len(segments)
            ]
    return {"template": {"id": str(template.id), "name": template.name}, **structure}


def _generate(args: argparse.Namespace, writer: NoteWriter) -> str:
    segments = parse_transcript(_read(args.transcript, what="transcript"))
    if not segments:
        raise InvalidInput(f"the transcript {args.transcript!r} has no text")
    template = built_in_template(args.template)
    style = _style(args.style)
    example = _read(args.example, what="example note") if args.example else None
    if style is VoiceStyle.MY_VOICE and not example:
        raise InvalidInput("--style MY_VOICE needs --example FILE (a note written by you)")
    brief = NoteBrief(segments, template, args.language, style=style, example_note=example)
    note = writer.write(brief)
    if args.format == "json":
        return json.dumps(note_json(note, template, segments), ensure_ascii=False, indent=2)
    content_type = ContentType.HTML if args.format == "html" else ContentType.MARKDOWN
    return render(note, content_type)


def _facts(args: argparse.Namespace) -> str:
    segments = parse_transcript(_read(args.transcript, what="transcript"))
    if not segments:
        raise InvalidInput(f"the transcript {args.transcript!r} has no text")
    facts = fact_extractor().extract(segments, language=args.language)
    return json.dumps({"facts": quoted_facts(facts, segments)}, ensure_ascii=False, indent=2)


def _tenant_command(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {"data_dir": Path(args.data_dir)} if args.data_dir else {}
    settings = Settings(**overrides)
    upgrade_to_head(settings.resolved_database_url)
    services = build_services(settings)
    return in_transaction(services.transactions, partial(_tenant_change, args))


def _tenant_change(args: argparse.Namespace, session: Session) -> dict[str, Any]:
    tenant = tenancy.require_tenant(session, _uuid(args.tenant))
    if args.notes_command == "add-template":
        try:
            definition = json.loads(_read(args.file, what="template file"))
        except ValueError as error:
            raise InvalidInput(f"the template file is not JSON: {error}") from None
        if not isinstance(definition, dict):
            raise InvalidInput("the template file must hold one JSON object")
        template = service.create_template(session, tenant_id=tenant.id, definition=definition)
        return {"templateId": str(template.id), "name": template.name}
    provider = tenancy.ensure_provider(session, tenant=tenant, email=args.email)
    service.set_example_note(
        session,
        tenant_id=tenant.id,
        provider_id=provider.id,
        text=_read(args.file, what="example note"),
    )
    return {"providerEmail": provider.email, "exampleNote": "stored"}


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise InvalidInput(f"--tenant must be a tenant id (a UUID), got {value!r}") from None


def run(args: argparse.Namespace) -> int:
    if args.notes_command == "generate":
        sys.stdout.write(_generate(args, note_writer(Settings())) + "\n")
    elif args.notes_command == "facts":
        sys.stdout.write(_facts(args) + "\n")
    else:
        sys.stdout.write(json.dumps(_tenant_command(args)) + "\n")
    sys.stdout.flush()
    return 0


def register(commands: Any) -> None:
    """Adds ``murmur notes ...`` to the top-level command parser's subcommands."""
    notes = commands.add_parser(
        "notes", help="write notes, read facts; tenant templates and example notes"
    )
    notes_commands = notes.add_subparsers(dest="notes_command", required=True)
    generate = notes_commands.add_parser("generate", help="a note from a transcript file")
    generate.add_argument("--transcript", required=True, help="a text file, or - for stdin")
    generate.add_argument("--template", help="a built-in template id or name (default SOAP)")
    generate.add_argument("--style", default=VoiceStyle.GOLDILOCKS.value)
    generate.add_argument("--example", help="your own example note, for --style MY_VOICE")
    generate.add_argument("--language", default="english")
    generate.add_argument("--format", choices=FORMATS, default="json")
    facts = notes_commands.add_parser("facts", help="a transcript's clinical facts, as JSON")
    facts.add_argument("--transcript", required=True, help="a text file, or - for stdin")
    facts.add_argument("--language", default="english")
    add_template = notes_commands.add_parser("add-template", help="store a tenant template")
    add_template.add_argument("--tenant", required=True)
    add_template.add_argument("--file", required=True, help="JSON: {name, kind?, sections}")
    example = notes_commands.add_parser("set-example", help="a provider's MY_VOICE example")
    example.add_argument("--tenant", required=True)
    example.add_argument("--email", required=True)
    example.add_argument("--file", required=True)
    for parser in (add_template, example):
        parser.add_argument("--data-dir")
    notes.set_defaults(handler=run)
