"""Heidi templates, consult notes (streamed NDJSON), the client's own JSON template, documents
and Ask Heidi (streamed NDJSON). Handlers resolve the session inside the caller's tenant and
check the request before the first byte, so every error keeps Heidi's error shape."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from functools import partial
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from murmur.api.deps import Services, ServicesDep, SessionDep
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.auth.tokens import Principal
from murmur.encounters.heidi_sessions import require_session
from murmur.facts.ports import FactExtractor
from murmur.notes import service
from murmur.notes.ask_stream import AskRequest, stream_answer
from murmur.notes.domain import VoiceStyle
from murmur.notes.generation import NoteOptions, NoteRequest
from murmur.notes.models import Document
from murmur.notes.rendering import ContentType
from murmur.notes.templates import Template, TemplateKind
from murmur.notes.widget import fill_widget

router = APIRouter(tags=["heidi-v2 notes"])
NDJSON = "application/x-ndjson"
BUILT_IN_AUTHOR = "Murmur"
TENANT_AUTHOR = "Your organisation"

Style = Literal["GOLDILOCKS", "DETAILED", "BRIEF", "SUPER_DETAILED", "MY_VOICE"]
Brain = Literal["LEFT", "RIGHT"]
Content = Literal["MARKDOWN", "HTML"]


class TemplateWire(BaseModel):
    id: str
    name: str
    structure_template: dict[str, Any]
    template_category: Literal["CONSULT_NOTE_TEMPLATE", "DOCUMENT_TEMPLATE"]
    template_html: str
    author_name: str


class TemplateList(BaseModel):
    data: list[TemplateWire]


class ConsultNoteGenerate(BaseModel):
    generation_method: Literal["TEMPLATE"] = "TEMPLATE"
    template_id: str | None = Field(default=None, max_length=100)
    addition: str = Field(default="", max_length=4000)
    voice_style: Style = "GOLDILOCKS"
    brain: Brain = "LEFT"
    content_type: Content = "MARKDOWN"


class DocumentGenerate(BaseModel):
    generation_method: Literal["TEMPLATE"] = "TEMPLATE"
    template_id: str = Field(min_length=1, max_length=100)
    voice_style: Style = "GOLDILOCKS"
    brain: Brain = "LEFT"
    content_type: Content = "MARKDOWN"


class DocumentWire(BaseModel):
    id: str
    index: int
    name: str
    template_id: str
    generation_type: str
    content: str
    content_type: Content


class DocumentList(BaseModel):
    data: list[DocumentWire]


class CustomTemplateRequest(BaseModel):
    template: dict[str, Any]
    content_type: Content = "MARKDOWN"


class AskHeidiRequest(BaseModel):
    ai_command_text: str = Field(min_length=1, max_length=4000)
    content: str = Field(default="", max_length=200_000)
    content_type: Content = "MARKDOWN"


def template_wire(template: Template) -> TemplateWire:
    sections = [
        {
            "key": s.key,
            "title": s.title,
            "instruction": s.instruction,
            "draws_from": [c.value for c in s.draws_from],
        }
        for s in template.sections
    ]
    skeleton = "\n".join(
        f"<h2>{html.escape(s.title)}</h2>\n<p>{html.escape(s.instruction)}</p>"
        for s in template.sections
    )
    return TemplateWire(
        id=str(template.id),
        name=template.name,
        structure_template={
            "description": template.description,
            "plain_language": template.plain_language,
            "sections": sections,
        },
        template_category=template.kind.value,
        template_html=skeleton,
        author_name=TENANT_AUTHOR if template.tenant_id else BUILT_IN_AUTHOR,
    )


def document_wire(document: Document) -> DocumentWire:
    return DocumentWire(
        id=str(document.id),
        index=document.position,
        name=document.template_name,
        template_id=str(document.template_id),
        generation_type="TEMPLATE",
        content=document.content,
        content_type="HTML" if document.content_type == "HTML" else "MARKDOWN",
    )


def _templates(session: Session, principal: Principal, kind: TemplateKind | None) -> TemplateList:
    found = service.list_templates(session, tenant_id=principal.tenant_id, kind=kind)
    return TemplateList(data=[template_wire(t) for t in found])


@router.get("/templates/document-templates", response_model=TemplateList)
def list_document_templates(principal: HeidiPrincipalDep, session: SessionDep) -> TemplateList:
    """Every template the caller may use, each with its ``template_category``."""
    return _templates(session, principal, None)


@router.get("/templates/consult-note-templates", response_model=TemplateList)
def list_consult_note_templates(principal: HeidiPrincipalDep, session: SessionDep) -> TemplateList:
    return _templates(session, principal, TemplateKind.CONSULT_NOTE)


def _options(
    template_id: str | None, style: Style, addition: str, content_type: Content
) -> NoteOptions:
    return NoteOptions(
        template_id=service.parse_template_id(template_id, field="template_id"),
        style=VoiceStyle(style),
        addition=addition,
        content_type=ContentType(content_type),
    )


def _note_request(
    services: Services, principal: Principal, session_id: str, options: NoteOptions
) -> NoteRequest:
    """Reads what the writer needs in a short transaction of its own, so that writing the note
    (seconds of a language model) and streaming it hold none."""
    return services.transactions.read(
        partial(_prepare_note, principal=principal, session_id=session_id, options=options)
    )


def _prepare_note(
    session: Session, *, principal: Principal, session_id: str, options: NoteOptions
) -> NoteRequest:
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    return service.prepare_note(session, encounter=encounter, options=options)


def _ndjson(pieces: Iterator[str]) -> Iterator[bytes]:
    for piece in pieces:
        yield (json.dumps({"data": piece}, ensure_ascii=False) + "\n").encode()


@router.post("/sessions/{session_id}/consult-note")
def generate_consult_note(
    session_id: str,
    body: ConsultNoteGenerate,
    principal: HeidiPrincipalDep,
    services: ServicesDep,
) -> StreamingResponse:
    """One ``{"data": "..."}`` line per piece of the note as it is written; the finished note
    is stored on the session (``consult_note``). ``brain`` is accepted; both brains use the
    configured note engine."""
    options = _options(body.template_id, body.voice_style, body.addition, body.content_type)
    request = _note_request(services, principal, session_id, options)
    stream = service.stream_consult_note(
        services.transactions, services.note_writer, request=request
    )
    pieces = (item for item in stream if isinstance(item, str))
    return StreamingResponse(_ndjson(pieces), media_type=NDJSON)


@router.post("/sessions/{session_id}/client-customised-template/response")
def generate_custom_template_response(
    session_id: str,
    body: CustomTemplateRequest,
    principal: HeidiPrincipalDep,
    services: ServicesDep,
) -> dict[str, Any]:
    """The client's questions answered from the visit, each with its transcript evidence."""
    request = _note_request(services, principal, session_id, NoteOptions())
    note = service.draft_note(services.note_writer, request)
    return fill_widget(
        body.template,
        segments=request.brief.segments,
        note=note,
        content_type=ContentType(body.content_type),
    )


@router.post("/sessions/{session_id}/documents", response_model=DocumentWire)
def generate_document(
    session_id: str, body: DocumentGenerate, principal: HeidiPrincipalDep, services: ServicesDep
) -> DocumentWire:
    options = _options(body.template_id, body.voice_style, "", body.content_type)
    request = _note_request(services, principal, session_id, options)
    document = service.write_document(services.transactions, services.note_writer, request=request)
    return document_wire(document)


@router.get("/sessions/{session_id}/documents", response_model=DocumentList)
def list_documents(
    session_id: str, principal: HeidiPrincipalDep, session: SessionDep
) -> DocumentList:
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    documents = service.list_documents(session, encounter=encounter)
    return DocumentList(data=[document_wire(d) for d in documents])


@router.post("/sessions/{session_id}/ask-ai")
def ask_heidi(
    session_id: str, body: AskHeidiRequest, principal: HeidiPrincipalDep, services: ServicesDep
) -> StreamingResponse:
    """The answer as ``{"data": "..."}`` lines, citing transcript segments as ``[n]``."""
    request = services.transactions.read(
        partial(
            _prepare_ask,
            principal=principal,
            session_id=session_id,
            body=body,
            extractor=services.facts,
        )
    )
    pieces = stream_answer(request, model=services.answer_model)
    return StreamingResponse(_ndjson(pieces), media_type=NDJSON)


def _prepare_ask(
    session: Session,
    *,
    principal: Principal,
    session_id: str,
    body: AskHeidiRequest,
    extractor: FactExtractor,
) -> AskRequest:
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    return service.prepare_ask(
        session,
        encounter=encounter,
        command=body.ai_command_text,
        content=body.content,
        content_type=ContentType(body.content_type),
        extractor=extractor,
    )
