"""The processing pipeline after finish, as three durable jobs:

transcribe (assemble chunks in order, speech to text) -> write_note -> code

Each job reads what it needs in a short transaction, does the slow work outside any
transaction, and writes its results in one more; re-running a job replaces its rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy.orm import Session

from murmur.audio.models import ChunkStatus, RecordingChunk
from murmur.audio.repository import chunks_of
from murmur.coding.domain import CODE_JOB, CodeSuggestion
from murmur.coding.ports import Coder
from murmur.coding.repository import replace_codes
from murmur.db import Transactions, utcnow
from murmur.encounters import repository as encounters
from murmur.encounters.models import Encounter, EncounterStatus
from murmur.encounters.service import fail_encounter
from murmur.engines.asr.speaker_roles import label_speakers
from murmur.engines.asr.term_correction import correct_segments
from murmur.engines.asr.vocabulary import correction_terms
from murmur.jobs import queue
from murmur.jobs.queue import ClaimedJob
from murmur.jobs.worker import DeferJob, JobHandler, PermanentJobError
from murmur.notes import repository as notes
from murmur.notes import service as note_service
from murmur.notes.domain import WRITE_NOTE_JOB, WrittenNote
from murmur.notes.generation import NoteOptions, NoteRequest, write_note
from murmur.notes.ports import NoteWriter
from murmur.processing.live import DECODE_FAILED, LiveTranscription
from murmur.storage.base import ObjectStore
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import LIVE_TRANSCRIBE_JOB, TRANSCRIBE_JOB
from murmur.transcripts.ports import SpeechToText
from murmur.transcripts.text import transcript_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _TextsToCode:
    note: str
    transcript: str


@dataclass
class Pipeline:
    transactions: Transactions
    store: ObjectStore
    speech_to_text: Callable[[], SpeechToText]
    note_writer: NoteWriter
    coder: Coder
    max_attempts: int
    context_hints: bool = False
    term_correction: bool = True
    live: LiveTranscription = field(init=False)

    def __post_init__(self) -> None:
        self.live = LiveTranscription(
            transactions=self.transactions,
            store=self.store,
            speech_to_text=self.speech_to_text,
            context_hints=self.context_hints,
        )

    def handlers(self) -> dict[str, JobHandler]:
        return {
            LIVE_TRANSCRIBE_JOB: JobHandler(run=self.transcribe_live, on_give_up=_live_gave_up),
            TRANSCRIBE_JOB: JobHandler(run=self.transcribe, on_give_up=self._give_up),
            WRITE_NOTE_JOB: JobHandler(run=self.write_note, on_give_up=self._give_up),
            CODE_JOB: JobHandler(run=self.code, on_give_up=self._give_up),
        }

    def _encounter(self, session: Session, job: ClaimedJob) -> Encounter:
        assert job.encounter_id is not None
        encounter = encounters.get(session, tenant_id=job.tenant_id, encounter_id=job.encounter_id)
        if encounter is None:
            raise PermanentJobError("the note no longer exists")
        return encounter

    def _enqueue_next(self, session: Session, job: ClaimedJob, kind: str) -> None:
        queue.enqueue(
            session,
            kind=kind,
            tenant_id=job.tenant_id,
            encounter_id=job.encounter_id,
            max_attempts=self.max_attempts,
        )

    def transcribe_live(self, job: ClaimedJob) -> None:
        assert job.encounter_id is not None
        self.live.advance(job.encounter_id)

    def transcribe(self, job: ClaimedJob) -> None:
        """After finish: transcribe what live transcription has not, then seal the transcript."""
        assert job.encounter_id is not None
        self.live.advance(job.encounter_id)
        if not self.live.flush(job.encounter_id):
            raise DeferJob("earlier chunks are still being transcribed by another worker")
        self.transactions.write(partial(self._seal_transcript, job))

    def _seal_transcript(self, job: ClaimedJob, session: Session) -> None:
        encounter = self._encounter(session, job)
        transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
        segments = transcripts.segments(session, transcript_id=transcript.id)
        if not segments:
            raise PermanentJobError(
                _no_transcript_reason(chunks_of(session, encounter_id=encounter.id))
            )
        # Roles are assigned over the whole visit at once: turn-taking and wording read
        # better with every turn in view than chunk by chunk.
        labelled = label_speakers(segments)
        if self.term_correction:
            terms = correction_terms(language=encounter.language, context=encounter.add_context)
            labelled = correct_segments(labelled, terms)
        transcripts.replace_segments(session, transcript_id=transcript.id, items=labelled)
        transcript.text = transcript_text(labelled)
        transcript.audio_seconds = round(transcript.live_offset_seconds, 2)
        transcript.status = "success"
        transcript.completed_at = utcnow()
        self._enqueue_next(session, job, WRITE_NOTE_JOB)

    def write_note(self, job: ClaimedJob) -> None:
        self.transactions.staged(
            read=partial(self._note_request, job),
            work=partial(write_note, self.note_writer),
            write=partial(self._save_note, job),
        )

    def _note_request(self, job: ClaimedJob, session: Session) -> NoteRequest:
        encounter = self._encounter(session, job)
        return note_service.prepare_note(session, encounter=encounter, options=NoteOptions())

    def _save_note(
        self, job: ClaimedJob, session: Session, request: NoteRequest, written: WrittenNote
    ) -> None:
        encounter = self._encounter(session, job)
        note = note_service.save_consult_note(
            session, request=request, written=written, origin=note_service.PIPELINE
        )
        if note.origin == note_service.PIPELINE:
            encounter.title = written.title
        self._enqueue_next(session, job, CODE_JOB)

    def code(self, job: ClaimedJob) -> None:
        self.transactions.staged(
            read=partial(self._texts_to_code, job),
            work=self._suggest_codes,
            write=partial(self._save_codes, job),
        )

    def _texts_to_code(self, job: ClaimedJob, session: Session) -> _TextsToCode:
        encounter = self._encounter(session, job)
        note = notes.consult_note(session, encounter_id=encounter.id)
        if note is None:
            raise PermanentJobError("the note was not written before coding")
        transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
        segments = transcripts.segments(session, transcript_id=transcript.id)
        # Reference offsets point into the note text and transcript text the APIs serve.
        return _TextsToCode(note=note.text, transcript=transcript_text(segments))

    def _suggest_codes(self, texts: _TextsToCode) -> list[CodeSuggestion]:
        return self.coder.code_text(note=texts.note, transcript=texts.transcript)

    def _save_codes(
        self,
        job: ClaimedJob,
        session: Session,
        _texts: _TextsToCode,
        suggestions: list[CodeSuggestion],
    ) -> None:
        encounter = self._encounter(session, job)
        replace_codes(
            session,
            tenant_id=encounter.tenant_id,
            encounter_id=encounter.id,
            suggestions=suggestions,
        )
        encounter.coding_status = "success"
        if encounter.status == EncounterStatus.PENDING:
            encounter.status = EncounterStatus.SUCCESS
            encounter.completed_at = utcnow()

    def _give_up(self, session: Session, job: ClaimedJob, reason: str) -> None:
        if job.encounter_id is None:
            return
        transcript = transcripts.for_encounter(session, encounter_id=job.encounter_id)
        if transcript.status == "pending":
            transcript.status = "error"
            transcript.error_reason = reason
        fail_encounter(session, encounter_id=job.encounter_id, reason=reason)


def _live_gave_up(session: Session, job: ClaimedJob, reason: str) -> None:
    # The finish job transcribes whatever live transcription left, and fails the note if it
    # cannot; a live step that gave up only delays that.
    log.warning("live transcription of %s gave up: %s", job.encounter_id, reason)


def _no_transcript_reason(chunks: list[RecordingChunk]) -> str:
    arrived = [chunk for chunk in chunks if chunk.status != ChunkStatus.MISSING]
    if not arrived:
        return "no audio was uploaded before the note was finished"
    failed = [chunk for chunk in arrived if chunk.status == ChunkStatus.FAILED]
    if len(failed) == len(arrived):
        if len(failed) == 1:
            return failed[0].failure_reason or "audio could not be decoded"
        details = "; ".join(
            f"chunk {chunk.position}: {(chunk.failure_reason or '').removeprefix(DECODE_FAILED)}"
            for chunk in failed
        )
        return f"{DECODE_FAILED}{details}"
    return "no speech was detected in the recording"
