"""The job that reads context documents' text."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from murmur.context_documents import repository
from murmur.context_documents.domain import PARSE_JOB
from murmur.context_documents.extraction import ExtractionError, extract_text, kind_of
from murmur.context_documents.models import DocumentStatus
from murmur.db import Transactions, utcnow
from murmur.jobs.queue import ClaimedJob
from murmur.jobs.worker import JobHandler
from murmur.storage.base import ObjectStore

log = logging.getLogger(__name__)


class DocumentParser:
    def __init__(self, *, transactions: Transactions, store: ObjectStore) -> None:
        self._transactions = transactions
        self._store = store

    def handlers(self) -> dict[str, JobHandler]:
        return {PARSE_JOB: JobHandler(run=self.parse, on_give_up=self._give_up)}

    def parse(self, job: ClaimedJob) -> None:
        """Reads every document of the session still PARSING; each ends READY or FAILED."""
        assert job.encounter_id is not None
        pending = self._transactions.read(partial(_still_parsing, encounter_id=job.encounter_id))
        for document in pending:
            self._transactions.write(partial(_record_parsed, parsed=self._read_text(document)))

    def _read_text(self, document: _Pending) -> _Parsed:
        kind = kind_of(document.content_type, document.filename)
        assert kind is not None
        try:
            text = extract_text(self._store.local_path(document.object_key), kind)
        except ExtractionError as error:
            return _Parsed(document.id, "", str(error))
        return _Parsed(document.id, text, None)

    def _give_up(self, session: Session, job: ClaimedJob, reason: str) -> None:
        assert job.encounter_id is not None
        for document in repository.parsing(session, encounter_id=job.encounter_id):
            document.status = DocumentStatus.FAILED
            document.failure_reason = f"the document could not be read: {reason}"


@dataclass(frozen=True, slots=True)
class _Pending:
    id: uuid.UUID
    object_key: str
    content_type: str
    filename: str


@dataclass(frozen=True, slots=True)
class _Parsed:
    document_id: uuid.UUID
    text: str
    failure: str | None


def _still_parsing(session: Session, *, encounter_id: uuid.UUID) -> list[_Pending]:
    return [
        _Pending(d.id, d.object_key, d.content_type, d.filename)
        for d in repository.parsing(session, encounter_id=encounter_id)
    ]


def _record_parsed(session: Session, *, parsed: _Parsed) -> None:
    document = repository.get(session, document_id=parsed.document_id)
    if document is None:
        return  # deleted while it was being read
    document.text = parsed.text
    document.failure_reason = parsed.failure
    document.status = DocumentStatus.FAILED if parsed.failure else DocumentStatus.READY
    document.parsed_at = utcnow()
