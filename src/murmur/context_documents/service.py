"""Context documents: stored on upload with status PARSING, read by a job (READY or FAILED),
listed and deleted inside their session."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from murmur.context_documents import repository
from murmur.context_documents.domain import PARSE_JOB
from murmur.context_documents.extraction import kind_of
from murmur.context_documents.models import ContextDocument
from murmur.db import Transactions, new_id
from murmur.encounters.heidi_sessions import require_session
from murmur.errors import ContextDocumentNotFound, InvalidInput, UnsupportedMediaType
from murmur.jobs import queue
from murmur.storage.base import ObjectStore, StoredObject

MAX_DOCUMENTS_PER_SESSION = 50


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    content_type: str
    unstructured: bool
    body: Iterable[bytes]


def _media_type(upload: Upload) -> str:
    kind = kind_of(upload.content_type, upload.filename)
    if kind is None:
        raise UnsupportedMediaType(
            f"{upload.content_type or 'this file type'} cannot be read; attach PDF, DOCX, "
            "plain text or an image"
        )
    return upload.content_type.split(";")[0].strip().lower() or "application/octet-stream"


def receive_document(
    transactions: Transactions,
    store: ObjectStore,
    *,
    tenant_id: uuid.UUID,
    session_id: str,
    upload: Upload,
    max_bytes: int,
    max_attempts: int,
) -> ContextDocument:
    media_type = _media_type(upload)
    document_id = new_id()

    def store_bytes(encounter_id: uuid.UUID) -> StoredObject:
        key = _object_key(tenant_id, encounter_id, document_id)
        return store.put_stream(key, upload.body, max_bytes=max_bytes)

    def record(session: Session, encounter_id: uuid.UUID, stored: StoredObject) -> ContextDocument:
        document = ContextDocument(
            id=document_id,
            tenant_id=tenant_id,
            encounter_id=encounter_id,
            filename=(upload.filename or "document")[:300],
            content_type=media_type,
            object_key=_object_key(tenant_id, encounter_id, document_id),
            size_bytes=stored.size_bytes,
            unstructured=upload.unstructured,
        )
        return _add_for_parsing(session, document, max_attempts=max_attempts)

    return transactions.staged(
        read=partial(_session_with_room, tenant_id=tenant_id, session_id=session_id),
        work=store_bytes,
        write=record,
    )


def _session_with_room(session: Session, *, tenant_id: uuid.UUID, session_id: str) -> uuid.UUID:
    """The session's encounter id, once it is known to take one more document."""
    encounter = require_session(session, tenant_id=tenant_id, session_id=session_id)
    existing = repository.documents_of(session, tenant_id=tenant_id, encounter_id=encounter.id)
    if len(existing) >= MAX_DOCUMENTS_PER_SESSION:
        raise InvalidInput(f"a session holds at most {MAX_DOCUMENTS_PER_SESSION} context documents")
    return encounter.id


def _object_key(tenant_id: uuid.UUID, encounter_id: uuid.UUID, document_id: uuid.UUID) -> str:
    return f"tenants/{tenant_id}/encounters/{encounter_id}/context/{document_id}"


def _add_for_parsing(
    session: Session, document: ContextDocument, *, max_attempts: int
) -> ContextDocument:
    session.add(document)
    queue.enqueue(
        session,
        kind=PARSE_JOB,
        tenant_id=document.tenant_id,
        encounter_id=document.encounter_id,
        max_attempts=max_attempts,
        dedupe_key=f"{PARSE_JOB}:{document.id}",
    )
    session.flush()
    return document


def list_documents(
    session: Session, *, tenant_id: uuid.UUID, session_id: str
) -> list[ContextDocument]:
    encounter = require_session(session, tenant_id=tenant_id, session_id=session_id)
    return repository.documents_of(session, tenant_id=tenant_id, encounter_id=encounter.id)


def delete_documents(
    session: Session,
    store: ObjectStore,
    *,
    tenant_id: uuid.UUID,
    session_id: str,
    document_ids: list[str],
) -> None:
    """All or nothing: an id that is not one of this session's documents deletes none."""
    if not document_ids:
        raise InvalidInput("ids: give at least one document id", field="ids")
    encounter = require_session(session, tenant_id=tenant_id, session_id=session_id)
    owned = {
        str(d.id): d
        for d in repository.documents_of(session, tenant_id=tenant_id, encounter_id=encounter.id)
    }
    unknown = [raw for raw in document_ids if _canonical(raw) not in owned]
    if unknown:
        raise ContextDocumentNotFound(f"context document {unknown[0]!r} was not found")
    for raw in dict.fromkeys(_canonical(raw) for raw in document_ids):
        document = owned[raw]
        session.delete(document)
        store.delete(document.object_key)
    session.flush()


def _canonical(raw: str) -> str:
    try:
        return str(uuid.UUID(raw.strip()))
    except ValueError:
        return raw
