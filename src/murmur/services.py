"""The composition root's parts: everything built once from settings and handed down."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from murmur.auth.throttle import SignInThrottle
from murmur.auth.tokens import TokenService
from murmur.coding.ports import Coder
from murmur.context_documents.tasks import DocumentParser
from murmur.db import Transactions, make_engine, make_session_factory
from murmur.engines.asr.registry import build_speech_to_text
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.notes.registry import build_chat_client, build_note_writer
from murmur.facts.cache import CachedFactExtractor
from murmur.facts.ports import FactExtractor
from murmur.jobs.worker import Worker, WorkerPool
from murmur.notes.ports import NoteWriter, TextGenerator
from murmur.processing.pipeline import Pipeline
from murmur.settings import Settings
from murmur.storage.local import LocalObjectStore
from murmur.storage.signing import UrlSigner
from murmur.transcripts.ports import SpeechToText


@dataclass
class Services:
    settings: Settings
    engine: Engine
    transactions: Transactions
    store: LocalObjectStore
    signer: UrlSigner
    tokens: TokenService
    pipeline: Pipeline
    sign_ins: SignInThrottle
    note_writer: NoteWriter
    coder: Coder
    facts: FactExtractor  # a visit's clinical facts, read when asked for
    answer_model: TextGenerator | None  # Ask AI's language model; None answers from the visit

    def speech_to_text(self) -> SpeechToText:
        return build_speech_to_text(self.settings)

    def document_parser(self) -> DocumentParser:
        return DocumentParser(transactions=self.transactions, store=self.store)

    def workers(self, count: int) -> list[Worker]:
        return [
            Worker(
                transactions=self.transactions,
                handlers={**self.pipeline.handlers(), **self.document_parser().handlers()},
                lease_seconds=self.settings.job_lease_seconds,
                poll_seconds=self.settings.job_poll_seconds,
            )
            for _ in range(count)
        ]

    def worker_pool(self, count: int) -> WorkerPool:
        return WorkerPool(self.workers(count))


def note_writer(settings: Settings, facts: FactExtractor | None = None) -> NoteWriter:
    return build_note_writer(settings, facts or RuleFactExtractor())


def fact_extractor() -> FactExtractor:
    """One extractor for the note writer, the coder, the APIs and Ask AI; pollers re-read the
    same visit, so its facts are remembered until the transcript or context changes."""
    return CachedFactExtractor(RuleFactExtractor())


def _coder(settings: Settings, facts: FactExtractor) -> Coder:
    """The coder reads the visit's facts with the same extractor the facts feature uses."""
    coders: dict[str, type[OfflineCoder]] = {"offline": OfflineCoder}
    return coders[settings.coding_engine](facts=facts)


def build_services(settings: Settings, *, transactions: Transactions | None = None) -> Services:
    """``transactions`` replaces the ones on the settings' database (tests bind them to one
    connection and roll back)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url)
    transactions = transactions or Transactions(make_session_factory(engine))
    store = LocalObjectStore(settings.resolved_storage_dir)
    facts = fact_extractor()
    writer = note_writer(settings, facts)
    coder = _coder(settings, facts)
    pipeline = Pipeline(
        transactions=transactions,
        store=store,
        speech_to_text=lambda: build_speech_to_text(settings),
        note_writer=writer,
        coder=coder,
        max_attempts=settings.job_max_attempts,
        context_hints=settings.asr_context_hints,
        term_correction=settings.asr_term_correction,
    )
    return Services(
        settings=settings,
        engine=engine,
        transactions=transactions,
        store=store,
        signer=UrlSigner(settings.url_key()),
        tokens=TokenService(settings.jwt_key(), settings.token_lifetime_seconds),
        pipeline=pipeline,
        sign_ins=SignInThrottle(
            max_failures=settings.sign_in_max_failures,
            window_seconds=settings.sign_in_window_seconds,
        ),
        note_writer=writer,
        coder=coder,
        facts=facts,
        answer_model=build_chat_client(settings),
    )
