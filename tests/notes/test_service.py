from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import pytest

from murmur.coding.domain import CODE_JOB
from murmur.encounters import repository as encounters
from murmur.errors import InvalidInput, TemplateNotFound
from murmur.jobs import queue
from murmur.jobs.models import Job
from murmur.jobs.worker import Worker
from murmur.notes import service
from murmur.notes.domain import WRITE_NOTE_JOB, VoiceStyle
from murmur.notes.generation import NoteOptions, NoteRequest
from murmur.notes.models import Document, Note
from murmur.notes.rendering import ContentType
from murmur.notes.repository import consult_note
from murmur.notes.templates import (
    BUILT_IN_TEMPLATES,
    REFERRAL_LETTER,
    SOAP,
    FactCategory,
    TemplateKind,
)
from murmur.services import Services
from tests.notes.seed import Seeded, seed_encounter

CARDIOLOGY: dict[str, Any] = {
    "name": "Cardiology follow-up",
    "sections": [
        {"key": "symptoms", "title": "Symptoms", "instruction": "Chest pain, dyspnoea.",
         "draws_from": ["chief_complaint", "history_of_present_illness"]},
        {"key": "plan", "title": "Plan", "instruction": "Next steps.", "draws_from": ["plan"]},
    ],
}  # fmt: skip


def _request(services: Services, seeded: Seeded, options: NoteOptions) -> NoteRequest:
    with services.transactions.writing() as session:
        encounter = encounters.get(
            session, tenant_id=seeded.tenant_id, encounter_id=seeded.encounter_id
        )
        assert encounter is not None
        return service.prepare_note(session, encounter=encounter, options=options)


def test_built_ins_have_stable_ids_and_sections_that_say_what_fills_them() -> None:
    assert SOAP.id == uuid.UUID("5f0a3c1e-8d1b-4c57-9b8e-1a2f7d9c0001")
    assert [s.key for s in SOAP.sections] == ["subjective", "objective", "assessment", "plan"]
    assert len(BUILT_IN_TEMPLATES) >= 8
    for template in BUILT_IN_TEMPLATES.values():
        assert template.sections
        assert all(section.instruction and section.draws_from for section in template.sections)
    names = " ".join(t.name for t in BUILT_IN_TEMPLATES.values())
    for expected in ("SOAP", "H&P", "Progress", "APSO", "Consult", "Referral", "After-Visit"):
        assert expected in names


def test_every_fact_category_has_a_home_in_the_soap_note() -> None:
    homes = [c for section in SOAP.sections for c in section.draws_from]
    assert sorted(homes) == sorted(FactCategory)


def test_tenant_templates_are_listed_and_found_only_inside_their_tenant(
    services: Services,
) -> None:
    mine = seed_encounter(services, tenant_name="Mine")
    theirs = seed_encounter(services, tenant_name="Theirs")
    with services.transactions.writing() as session:
        created = service.create_template(session, tenant_id=mine.tenant_id, definition=CARDIOLOGY)
    with services.transactions.writing() as session:
        found = service.find_template(session, tenant_id=mine.tenant_id, template_id=created.id)
        assert found.name == "Cardiology follow-up"
        assert found.sections[0].draws_from == (
            FactCategory.CHIEF_COMPLAINT,
            FactCategory.HISTORY_OF_PRESENT_ILLNESS,
        )
        listed = service.list_templates(session, tenant_id=mine.tenant_id)
        assert [t.id for t in listed][-1] == created.id
        assert created.id not in {
            t.id for t in service.list_templates(session, tenant_id=theirs.tenant_id)
        }
        with pytest.raises(TemplateNotFound):
            service.find_template(session, tenant_id=theirs.tenant_id, template_id=created.id)
        documents = service.list_templates(
            session, tenant_id=mine.tenant_id, kind=TemplateKind.DOCUMENT
        )
        assert REFERRAL_LETTER in documents
        assert SOAP not in documents


@pytest.mark.parametrize(
    ("definition", "field"),
    [
        ({"name": "", "sections": CARDIOLOGY["sections"]}, "name"),
        ({"name": "x", "sections": []}, "sections"),
        ({"name": "x", "sections": [{"key": "Bad Key", "title": "T"}]}, "sections[0].key"),
        ({"name": "x", "sections": [{"key": "a", "title": ""}]}, "sections[0].title"),
        (
            {"name": "x", "sections": [{"key": "a", "title": "A", "draws_from": ["gossip"]}]},
            "sections[0].draws_from",
        ),
        (
            {"name": "x", "sections": [{"key": "a", "title": "A"}, {"key": "a", "title": "B"}]},
            "sections[1].key",
        ),
        ({"name": "x", "kind": "POEM", "sections": CARDIOLOGY["sections"]}, "kind"),
    ],
)
def test_a_bad_template_definition_names_the_field_at_fault(
    services: Services, definition: dict[str, Any], field: str
) -> None:
    seeded = seed_encounter(services)
    with services.transactions.writing() as session, pytest.raises(InvalidInput) as raised:
        service.create_template(session, tenant_id=seeded.tenant_id, definition=definition)
    assert raised.value.field == field


def test_an_unknown_template_id_is_not_found(services: Services) -> None:
    seeded = seed_encounter(services)
    with pytest.raises(TemplateNotFound, match="was not found"):
        _request(services, seeded, NoteOptions(template_id=uuid.uuid4()))


def test_streamed_pieces_add_up_to_the_stored_note(services: Services) -> None:
    seeded = seed_encounter(services)
    request = _request(services, seeded, NoteOptions(content_type=ContentType.HTML))
    items = list(
        service.stream_consult_note(services.transactions, services.note_writer, request=request)
    )
    *pieces, stored = items
    assert isinstance(stored, Note)
    assert all(isinstance(piece, str) for piece in pieces)
    assert len(pieces) > 4  # a stream, not one blob
    streamed = "".join(str(piece) for piece in pieces)
    assert streamed == service.rendered_consult_note(stored)
    assert streamed.startswith("<h2>Subjective</h2>")
    assert "acute bronchitis" in streamed.lower()  # "Acute bronchitis." from the facts
    assert stored.content_type == "HTML"
    assert stored.template_id == SOAP.id


def test_generating_again_replaces_the_consult_note(services: Services) -> None:
    seeded = seed_encounter(services)
    for template in (SOAP, REFERRAL_LETTER):
        request = _request(services, seeded, NoteOptions(template_id=template.id))
        service.write_consult_note(services.transactions, services.note_writer, request=request)
    with services.transactions.writing() as session:
        notes = session.query(Note).filter(Note.encounter_id == seeded.encounter_id).all()
    assert [note.template_name for note in notes] == ["Referral Letter"]


def test_my_voice_without_an_example_note_says_so_and_uses_goldilocks(services: Services) -> None:
    seeded = seed_encounter(services)
    request = _request(services, seeded, NoteOptions(style=VoiceStyle.MY_VOICE))
    note = service.write_consult_note(services.transactions, services.note_writer, request=request)
    assert note.voice_style == "GOLDILOCKS"
    assert service.NO_EXAMPLE_NOTE in note.structure["warnings"]


def test_my_voice_uses_the_providers_stored_example_note(services: Services) -> None:
    seeded = seed_encounter(services)
    with services.transactions.writing() as session:
        service.set_example_note(
            session,
            tenant_id=seeded.tenant_id,
            provider_id=seeded.provider_id,
            text="S: cough x5d. O: wheeze. A: bronchitis. P: inhaler.",
        )
    request = _request(services, seeded, NoteOptions(style=VoiceStyle.MY_VOICE))
    assert request.brief.style is VoiceStyle.MY_VOICE
    assert request.brief.example_note == "S: cough x5d. O: wheeze. A: bronchitis. P: inhaler."
    assert request.warnings == ()


def test_the_clinicians_addition_reaches_the_note_marked_as_context(services: Services) -> None:
    seeded = seed_encounter(services)
    request = _request(services, seeded, NoteOptions(addition="Patient is a teacher."))
    note = service.write_consult_note(services.transactions, services.note_writer, request=request)
    assert "Patient is a teacher" in note.text


def test_documents_are_numbered_in_order_and_kept_per_encounter(services: Services) -> None:
    seeded = seed_encounter(services)
    other = seed_encounter(services, tenant_id=seeded.tenant_id)
    for template in (REFERRAL_LETTER, SOAP):
        request = _request(services, seeded, NoteOptions(template_id=template.id))
        service.write_document(services.transactions, services.note_writer, request=request)
    with services.transactions.writing() as session:
        encounter = encounters.get(
            session, tenant_id=seeded.tenant_id, encounter_id=seeded.encounter_id
        )
        empty = encounters.get(session, tenant_id=other.tenant_id, encounter_id=other.encounter_id)
        assert encounter is not None
        assert empty is not None
        documents = service.list_documents(session, encounter=encounter)
        assert [(d.position, d.template_name) for d in documents] == [
            (0, "Referral Letter"),
            (1, "SOAP Note"),
        ]
        assert "## Reason for Referral" in documents[0].content
        assert service.list_documents(session, encounter=empty) == []


# Threads racing on the database each need a connection of their own.
@pytest.mark.committed
def test_requests_at_once_store_one_note_and_distinct_document_numbers(
    services: Services,
) -> None:
    seeded = seed_encounter(services)
    request = _request(services, seeded, NoteOptions(template_id=REFERRAL_LETTER.id))
    writer = services.note_writer
    jobs = [
        *(partial(service.write_document, services.transactions, writer, request=request),) * 4,
        *(partial(service.write_consult_note, services.transactions, writer, request=request),) * 3,
    ]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = [future.result() for future in [pool.submit(job) for job in jobs]]
    assert sorted(r.position for r in results if isinstance(r, Document)) == [0, 1, 2, 3]
    with services.transactions.writing() as session:
        notes = session.query(Note).filter(Note.encounter_id == seeded.encounter_id).all()
    assert len(notes) == 1


def test_the_pipeline_job_never_replaces_a_note_the_client_asked_for(
    services: Services, worker: Worker
) -> None:
    seeded = seed_encounter(services)
    request = _request(services, seeded, NoteOptions(template_id=REFERRAL_LETTER.id))
    service.write_consult_note(services.transactions, services.note_writer, request=request)
    with services.transactions.writing() as session:
        queue.enqueue(
            session,
            kind=WRITE_NOTE_JOB,
            tenant_id=seeded.tenant_id,
            encounter_id=seeded.encounter_id,
            max_attempts=1,
        )
    assert worker.run_once()  # the pipeline's note job finishes after the client's request
    with services.transactions.writing() as session:
        note = consult_note(session, encounter_id=seeded.encounter_id)
        assert note is not None
        assert (note.template_name, note.origin) == ("Referral Letter", "request")
        assert sorted(job.kind for job in session.query(Job).all()) == [CODE_JOB, WRITE_NOTE_JOB]


def test_a_client_request_replaces_the_pipelines_note(services: Services, worker: Worker) -> None:
    seeded = seed_encounter(services)
    with services.transactions.writing() as session:
        queue.enqueue(
            session,
            kind=WRITE_NOTE_JOB,
            tenant_id=seeded.tenant_id,
            encounter_id=seeded.encounter_id,
            max_attempts=1,
        )
    assert worker.run_once()
    request = _request(services, seeded, NoteOptions(template_id=REFERRAL_LETTER.id))
    service.write_consult_note(services.transactions, services.note_writer, request=request)
    with services.transactions.writing() as session:
        note = consult_note(session, encounter_id=seeded.encounter_id)
        assert note is not None
        assert (note.template_name, note.origin) == ("Referral Letter", "request")
