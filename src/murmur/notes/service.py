"""Notes for the API surfaces and the pipeline: templates (built-in and the tenant's own),
provider example notes, consult notes and documents, each written against a template."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from murmur.db import Transactions, utcnow
from murmur.encounters.models import Encounter
from murmur.errors import InvalidInput, TemplateNotFound
from murmur.facts.ports import FactExtractor
from murmur.facts.service import facts_of
from murmur.notes import catalog, repository
from murmur.notes.ask import plan_section_keys
from murmur.notes.ask_stream import AskRequest
from murmur.notes.domain import VoiceStyle, WrittenNote, note_from_structure
from murmur.notes.generation import NoteOptions, NoteRequest, stream_note, with_addition
from murmur.notes.generation import write_note as write_with
from murmur.notes.models import Document, Note, NoteTemplate, ProviderExampleNote
from murmur.notes.note_context import gather_context
from murmur.notes.ports import NoteBrief, NoteWriter
from murmur.notes.rendering import ContentType, render
from murmur.notes.templates import (
    BUILT_IN_TEMPLATES,
    DEFAULT_TEMPLATE,
    Template,
    TemplateKind,
)
from murmur.transcripts import repository as transcripts

T = TypeVar("T")
SAVE_ATTEMPTS = 5
PIPELINE = "pipeline"
REQUESTED = "request"
MAX_EXAMPLE_NOTE = 20_000
NO_EXAMPLE_NOTE = (
    "MY_VOICE was asked for but this provider has no example note stored; "
    "the note is written in the GOLDILOCKS style."
)


def parse_template_id(raw: str | uuid.UUID | None, *, field: str) -> uuid.UUID | None:
    if raw is None or isinstance(raw, uuid.UUID):
        return raw
    if not raw.strip():
        return None
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise TemplateNotFound(f"{field} {raw!r} is not a template id", field=field) from None


def find_template(
    session: Session, *, tenant_id: uuid.UUID, template_id: uuid.UUID, field: str = "template_id"
) -> Template:
    """A built-in template or one of the tenant's; otherwise ``TemplateNotFound``."""
    if built_in := BUILT_IN_TEMPLATES.get(template_id):
        return built_in
    row = repository.tenant_template(session, tenant_id=tenant_id, template_id=template_id)
    if row is None:
        raise TemplateNotFound(f"template {template_id} was not found", field=field)
    return catalog.template_from_row(row)


def list_templates(
    session: Session, *, tenant_id: uuid.UUID, kind: TemplateKind | None = None
) -> list[Template]:
    """Built-ins first, then the tenant's own, oldest first."""
    own = [
        catalog.template_from_row(row)
        for row in repository.tenant_templates(session, tenant_id=tenant_id)
    ]
    return [t for t in (*BUILT_IN_TEMPLATES.values(), *own) if kind is None or t.kind is kind]


def create_template(
    session: Session, *, tenant_id: uuid.UUID, definition: dict[str, Any]
) -> Template:
    """``{"name", "kind"?, "description"?, "plain_language"?, "sections": [...]}``."""
    sections = catalog.parse_sections(definition.get("sections"))
    row = NoteTemplate(
        tenant_id=tenant_id,
        name=catalog.parse_name(definition.get("name")),
        kind=catalog.parse_kind(definition.get("kind")).value,
        description=str(definition.get("description") or "")[: catalog.MAX_INSTRUCTION],
        plain_language=bool(definition.get("plain_language", False)),
        sections=catalog.sections_to_rows(sections),
    )
    session.add(row)
    session.flush()
    return catalog.template_from_row(row)


def set_example_note(
    session: Session, *, tenant_id: uuid.UUID, provider_id: uuid.UUID, text: str
) -> ProviderExampleNote:
    """Stores (or replaces) the note a provider's MY_VOICE notes follow."""
    if not text.strip():
        raise InvalidInput("the example note is empty", field="example_note")
    if len(text) > MAX_EXAMPLE_NOTE:
        raise InvalidInput(
            f"the example note may be at most {MAX_EXAMPLE_NOTE} characters", field="example_note"
        )
    row = repository.example_note(session, tenant_id=tenant_id, provider_id=provider_id)
    if row is None:
        row = ProviderExampleNote(tenant_id=tenant_id, provider_id=provider_id, text=text)
        session.add(row)
    row.text = text
    row.updated_at = utcnow()
    session.flush()
    return row


def prepare_note(session: Session, *, encounter: Encounter, options: NoteOptions) -> NoteRequest:
    """Reads everything a writer needs; an unknown template is ``TemplateNotFound``."""
    if options.template_id is not None:
        template = find_template(
            session, tenant_id=encounter.tenant_id, template_id=options.template_id
        )
    elif encounter.template_id is not None:
        template = find_template(
            session, tenant_id=encounter.tenant_id, template_id=encounter.template_id
        )
    else:
        template = DEFAULT_TEMPLATE
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    style, example = options.style, None
    warnings: tuple[str, ...] = ()
    if style is VoiceStyle.MY_VOICE:
        stored = repository.example_note(
            session, tenant_id=encounter.tenant_id, provider_id=encounter.provider_id
        )
        if stored is None:
            style, warnings = VoiceStyle.GOLDILOCKS, (NO_EXAMPLE_NOTE,)
        else:
            example = stored.text
    return NoteRequest(
        tenant_id=encounter.tenant_id,
        encounter_id=encounter.id,
        brief=NoteBrief(
            segments=tuple(segments),
            template=template,
            language=encounter.language,
            context=with_addition(gather_context(session, encounter), options.addition),
            style=style,
            example_note=example,
        ),
        content_type=options.content_type,
        warnings=warnings,
    )


def save_consult_note(
    session: Session,
    *,
    request: NoteRequest,
    written: WrittenNote,
    origin: str = REQUESTED,
) -> Note:
    """Replaces the encounter's consult note (re-generating is idempotent); the pipeline's job
    (``origin=PIPELINE``) never replaces a note a client asked for, whatever the timing."""
    note = repository.consult_note(session, encounter_id=request.encounter_id)
    if note is not None and origin == PIPELINE and note.origin == REQUESTED:
        return note
    if note is None:
        note = Note(tenant_id=request.tenant_id, encounter_id=request.encounter_id)
        session.add(note)
    note.origin = origin
    note.template_id = request.brief.template.id
    note.template_name = request.brief.template.name
    note.engine = written.engine
    note.text = written.to_markdown()
    note.structure = written.to_structure()
    note.voice_style = request.brief.style.value
    note.content_type = request.content_type.value
    note.created_at = utcnow()
    session.flush()
    return note


def save_document(session: Session, *, request: NoteRequest, written: WrittenNote) -> Document:
    document = Document(
        tenant_id=request.tenant_id,
        encounter_id=request.encounter_id,
        position=repository.next_document_position(session, encounter_id=request.encounter_id),
        template_id=request.brief.template.id,
        template_name=request.brief.template.name,
        engine=written.engine,
        voice_style=request.brief.style.value,
        content_type=request.content_type.value,
        content=render(written, request.content_type),
        structure=written.to_structure(),
    )
    session.add(document)
    session.flush()
    return document


def draft_note(writer: NoteWriter, request: NoteRequest) -> WrittenNote:
    """A note that is not stored (for answering the client's own JSON template)."""
    return write_with(writer, request)


def _stored(transactions: Transactions, save: Callable[[Session], T]) -> T:
    """Saves in a transaction of its own. Requests for one encounter at once: a loser's insert
    collides with the winner's row, and the retry updates that row (or takes the next
    document number) instead of failing."""
    for _ in range(SAVE_ATTEMPTS - 1):
        try:
            return transactions.write(save)
        except IntegrityError:
            continue
    return transactions.write(save)


def write_consult_note(
    transactions: Transactions, writer: NoteWriter, *, request: NoteRequest
) -> Note:
    written = write_with(writer, request)
    return _stored(transactions, partial(save_consult_note, request=request, written=written))


def stream_consult_note(
    transactions: Transactions, writer: NoteWriter, *, request: NoteRequest
) -> Iterator[str | Note]:
    """Rendered text pieces as they are written, then the stored note.

    The writer runs outside any transaction; the note is stored in one of its own at the end.
    """
    for item in stream_note(writer, request):
        if isinstance(item, str):
            yield item
            continue
        yield _stored(transactions, partial(save_consult_note, request=request, written=item))


def write_document(
    transactions: Transactions, writer: NoteWriter, *, request: NoteRequest
) -> Document:
    written = write_with(writer, request)
    return _stored(transactions, partial(save_document, request=request, written=written))


def list_documents(session: Session, *, encounter: Encounter) -> list[Document]:
    return repository.documents_of(
        session, tenant_id=encounter.tenant_id, encounter_id=encounter.id
    )


def rendered_consult_note(note: Note) -> str:
    """The stored note in the content type it was asked for."""
    return render(note_from_structure(note.structure), ContentType(note.content_type))


def prepare_ask(
    session: Session,
    *,
    encounter: Encounter,
    command: str,
    content: str,
    content_type: ContentType,
    extractor: FactExtractor,
) -> AskRequest:
    """What Ask AI answers from: the transcript so far, its facts and the stored consult note,
    if any."""
    if not command.strip():
        raise InvalidInput("ai_command_text is empty", field="ai_command_text")
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    stored = repository.consult_note(session, encounter_id=encounter.id)
    template = DEFAULT_TEMPLATE
    if stored is not None:
        template = BUILT_IN_TEMPLATES.get(stored.template_id) or _stored_template(
            session, encounter=encounter, template_id=stored.template_id
        )
    return AskRequest(
        command=command.strip(),
        content=content,
        content_type=content_type,
        segments=tuple(segments),
        note=note_from_structure(stored.structure) if stored else None,
        plan_keys=plan_section_keys(template),
        facts=facts_of(session, encounter=encounter, segments=segments, extractor=extractor),
    )


def _stored_template(session: Session, *, encounter: Encounter, template_id: uuid.UUID) -> Template:
    row = repository.tenant_template(
        session, tenant_id=encounter.tenant_id, template_id=template_id
    )
    return catalog.template_from_row(row) if row else DEFAULT_TEMPLATE
