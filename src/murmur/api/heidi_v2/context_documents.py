"""Heidi context documents: files attached to a session whose text informs its notes."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Query, Request, Response

from murmur.api.deps import ServicesDep, SessionDep
from murmur.api.heidi_v2 import mappers, schemas
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.api.heidi_v2.forms import blocks, multipart_body, upload_form
from murmur.context_documents import service
from murmur.errors import InvalidInput

router = APIRouter(tags=["heidi-v2 context documents"])
_PATH = "/sessions/{session_id}/context-documents"
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


def _flag(raw: str | None) -> bool:
    value = (raw or "").strip().lower()
    if value not in _TRUE | _FALSE:
        raise InvalidInput(f"unstructured: {raw!r} is not true or false", field="unstructured")
    return value in _TRUE


@router.post(
    _PATH,
    response_model=schemas.ContextDocument,
    openapi_extra=multipart_body(unstructured={"type": "boolean"}),
)
async def upload_context_document(
    session_id: str, request: Request, principal: HeidiPrincipalDep, services: ServicesDep
) -> schemas.ContextDocument:
    limit = services.settings.max_context_document_bytes
    async with upload_form(request, limit, optional=("unstructured",)) as (file, values):
        upload = service.Upload(
            filename=file.filename or "document",
            content_type=file.content_type or "",
            unstructured=_flag(values.get("unstructured")),
            body=blocks(file.file),
        )
        document = await to_thread.run_sync(
            lambda: service.receive_document(
                services.transactions,
                services.store,
                tenant_id=principal.tenant_id,
                session_id=session_id,
                upload=upload,
                max_bytes=limit,
                max_attempts=services.settings.job_max_attempts,
            )
        )
    return mappers.context_document(document)


@router.get(_PATH, response_model=schemas.ContextDocumentList)
def list_context_documents(
    session_id: str, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.ContextDocumentList:
    found = service.list_documents(session, tenant_id=principal.tenant_id, session_id=session_id)
    return schemas.ContextDocumentList(data=[mappers.context_document(d) for d in found])


@router.delete(_PATH, status_code=204)
def delete_context_documents(
    session_id: str,
    ids: Annotated[list[str], Query(min_length=1, max_length=100)],
    principal: HeidiPrincipalDep,
    services: ServicesDep,
    session: SessionDep,
) -> Response:
    service.delete_documents(
        session,
        services.store,
        tenant_id=principal.tenant_id,
        session_id=session_id,
        document_ids=[i for raw in ids for i in raw.split(",") if i.strip()],
    )
    return Response(status_code=204)
