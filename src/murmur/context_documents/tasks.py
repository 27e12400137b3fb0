"""The job that reads context documents' text."""

from __future__ import annotations

import logging

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
        with self._transactions.reading() as session:
            pending = [
                (d.id, d.object_key, d.content_type, d.filename)
                for d in repository.parsing(session, encounter_id=job.encounter_id)
            ]
        for document_id, key, content_type, filename in pending:
            kind = kind_of(content_type, filename)
            assert kind is not None
            text, failure = "", None
            try:
                text = extract_text(self._store.local_path(key), kind)
            except ExtractionError as error:
                failure = str(error)
            with self._transactions.writing() as session:
                document = repository.get(session, document_id=document_id)
                if document is None:
                    continue  # deleted while it was being read
                document.text = text
                document.failure_reason = failure
                document.status = DocumentStatus.FAILED if failure else DocumentStatus.READY
                document.parsed_at = utcnow()

    def _give_up(self, session: Session, job: ClaimedJob, reason: str) -> None:
        assert job.encounter_id is not None
        for document in repository.parsing(session, encounter_id=job.encounter_id):
            document.status = DocumentStatus.FAILED
            document.failure_reason = f"the document could not be read: {reason}"
