"""A Heidi session's clinician notes, documents and linked visits reach the note's context."""

from __future__ import annotations

import uuid

from murmur.auth.tokens import Principal
from murmur.context_documents.models import ContextDocument, DocumentStatus
from murmur.encounters import heidi_sessions as sessions
from murmur.notes.models import Note
from murmur.notes.note_context import gather_context
from murmur.services import Services
from murmur.tenancy import service as tenancy


def _principal(services: Services) -> Principal:
    with services.transactions.writing() as session:
        tenant = tenancy.create_tenant(session, name="Clinic")
        provider = tenancy.ensure_provider(session, tenant=tenant, email="gp@clinic.example")
        return Principal(tenant.id, provider.id, "heidi-v2")


def _document(encounter_id: uuid.UUID, tenant_id: uuid.UUID, **fields: object) -> ContextDocument:
    values: dict[str, object] = {
        "tenant_id": tenant_id,
        "encounter_id": encounter_id,
        "filename": "referral.pdf",
        "content_type": "application/pdf",
        "object_key": f"k/{uuid.uuid4()}",
        "size_bytes": 10,
        "status": DocumentStatus.READY,
        "text": "Known asthma since childhood.",
    }
    values.update(fields)
    return ContextDocument(**values)


def test_context_gathers_every_heidi_source(services: Services) -> None:
    principal = _principal(services)
    with services.transactions.writing() as session:
        earlier = sessions.create_session(session, principal=principal)
        session.add(
            Note(
                tenant_id=principal.tenant_id,
                encounter_id=earlier.id,
                template_id=uuid.uuid4(),
                template_name="SOAP",
                engine="grounded",
                text="Assessment: viral bronchitis. Plan: fluids.",
                structure={},
            )
        )
        encounter = sessions.create_session(session, principal=principal)
        sessions.update_session(
            session,
            encounter=encounter,
            fields={
                "clinician_notes": ["Penicillin allergy", "  "],
                "linked_sessions_for_context": [str(earlier.id)],
            },
        )
        session.add_all(
            [
                _document(encounter.id, principal.tenant_id),
                _document(
                    encounter.id,
                    principal.tenant_id,
                    filename="scan.pdf",
                    status=DocumentStatus.FAILED,
                    text="",
                ),
                _document(
                    encounter.id,
                    principal.tenant_id,
                    filename="long.txt",
                    text="word " * 5000,
                ),
            ]
        )
        session.flush()
        context = gather_context(session, encounter)
    assert context["clinicianNotes"] == ["Penicillin allergy"]
    assert context["contextDocuments"]["referral.pdf"] == "Known asthma since childhood."
    assert "scan.pdf" not in context["contextDocuments"]
    assert len(context["contextDocuments"]["long.txt"]) <= 3002
    [linked] = context["linkedSessions"]
    assert "viral bronchitis" in linked


def test_a_session_with_nothing_adds_nothing(services: Services) -> None:
    principal = _principal(services)
    with services.transactions.writing() as session:
        encounter = sessions.create_session(session, principal=principal)
        assert gather_context(session, encounter) == {}
