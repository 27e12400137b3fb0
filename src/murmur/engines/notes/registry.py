"""The note writer named in settings; the LLM writer always has the grounded one behind it."""

from __future__ import annotations

from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.engines.notes.llm.client import ChatClient
from murmur.engines.notes.llm.writer import LlmNoteWriter
from murmur.facts.ports import FactExtractor
from murmur.notes.ports import NoteWriter
from murmur.settings import Settings


def build_chat_client(settings: Settings) -> ChatClient | None:
    """The language model of ``MURMUR_NOTE_ENGINE=llm``; ``None`` for the grounded engine."""
    if settings.note_engine != "llm" or not settings.note_llm_base_url:
        return None
    key = settings.note_llm_api_key
    return ChatClient(
        base_url=settings.note_llm_base_url,
        model=settings.note_llm_model,
        api_key=key.get_secret_value() if key else None,
        timeout_seconds=settings.note_llm_timeout_seconds,
        connect_timeout_seconds=settings.note_llm_connect_timeout_seconds,
    )


def build_note_writer(settings: Settings, facts: FactExtractor | None = None) -> NoteWriter:
    """``facts`` reads the visit's clinical facts that both writers state (the composition
    root passes its extractor; engines never import each other)."""
    grounded = GroundedNoteWriter(facts=facts)
    client = build_chat_client(settings)
    if client is None:
        return grounded
    return LlmNoteWriter(client=client, fallback=grounded, facts=facts)
