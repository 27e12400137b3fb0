"""The LLM note writer against a real local server speaking OpenAI's streamed chat API."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.engines.notes.llm.client import ChatClient
from murmur.engines.notes.llm.writer import LlmNoteWriter
from murmur.engines.notes.registry import build_note_writer
from murmur.notes.domain import VoiceStyle, WrittenNote
from murmur.notes.events import NoteEvent, SectionStarted, TextDelta
from murmur.notes.ports import NoteBrief
from murmur.notes.templates import AFTER_VISIT_SUMMARY, SOAP, Template
from murmur.settings import Settings
from murmur.transcripts.pasted import parse_transcript
from tests.notes.chat_server import Reply, chat_server, text_reply
from tests.notes.seed import BRONCHITIS

SEGMENTS = parse_transcript(BRONCHITIS)
SECTIONS = {
    "Subjective": "Reports a cough for five days, keeping the patient up at night. "
    "Fever of 100.4 last night. Denies chest pain.",
    "Objective": "Temperature 99.1 and oxygen 97 percent. Wheezing in both lungs, no crackles.",
    "Assessment": "Acute bronchitis.",
    # The last sentence is invented: nothing in the visit backs it.
    "Plan": "Albuterol inhaler, two puffs every four hours as needed. "
    "Started amoxicillin 875 mg twice daily.",
}


def _section(body: dict[str, Any]) -> str:
    user = body["messages"][-1]["content"]
    return str(user.split("Section: ", 1)[1].split("\n", 1)[0])


def _scripted(body: dict[str, Any]) -> Reply:
    return text_reply(SECTIONS.get(_section(body), "Not discussed."))


def _writer(url: str, *, timeout: float = 10.0) -> LlmNoteWriter:
    client = ChatClient(
        base_url=f"{url}/v1", model="test-model", api_key="sk-test", timeout_seconds=timeout
    )
    return LlmNoteWriter(client=client, fallback=GroundedNoteWriter())


def _stream(writer: LlmNoteWriter, template: Template = SOAP) -> list[NoteEvent | WrittenNote]:
    return list(
        writer.stream(
            NoteBrief(segments=SEGMENTS, template=template, context=None, language="english")
        )
    )


def test_streams_each_section_token_by_token_then_the_aligned_note() -> None:
    with chat_server(_scripted) as server:
        items = _stream(_writer(server.url))
    *events, note = items
    assert isinstance(note, WrittenNote)
    assert note.engine == "llm"
    starts = [e.title for e in events if isinstance(e, SectionStarted)]
    assert starts == ["Subjective", "Objective", "Assessment", "Plan"]
    first_section = events[1 : events.index(SectionStarted("objective", "Objective"))]
    assert len(first_section) > 5  # many small deltas, not one block
    assert (
        "".join(e.text for e in first_section if isinstance(e, TextDelta)) == SECTIONS["Subjective"]
    )
    assert len(server.requests) == 4
    assert all(r["stream"] is True and r["model"] == "test-model" for r in server.requests)
    assert server.headers[0]["Authorization"] == "Bearer sk-test"
    assert "[1] Patient: Not great." in server.requests[0]["messages"][-1]["content"]


def test_every_sentence_has_evidence_or_is_flagged_unsupported() -> None:
    with chat_server(_scripted) as server:
        note = _writer(server.url).write(
            NoteBrief(segments=SEGMENTS, template=SOAP, context=None, language="english")
        )
    by_text = {s.text: s for s in note.sentences()}
    fever = by_text["Fever of 100.4 last night."]
    assert not fever.unsupported
    assert [SEGMENTS[p].text for p in fever.evidence] == [
        "Yeah, I had a fever of 100.4 last night."
    ]
    invented = by_text["Started amoxicillin 875 mg twice daily."]
    assert invented.unsupported
    assert invented.evidence == ()
    assert [s.text for s in note.sentences() if s.unsupported] == [invented.text]
    assert any("1 sentence(s) flagged unsupported" in w for w in note.warnings)
    assert note.title == "Acute bronchitis"
    structure = note.to_structure()["sections"][3]["sentences"][1]
    assert structure == {"text": invented.text, "evidence": [], "unsupported": True}


def test_not_discussed_leaves_the_section_empty() -> None:
    with chat_server(lambda body: text_reply("Not discussed.")) as server:
        note = _writer(server.url).write(
            NoteBrief(segments=SEGMENTS, template=SOAP, context=None, language="english")
        )
    assert all(not section.sentences for section in note.sections)


def test_style_audience_and_example_reach_the_prompt() -> None:
    with chat_server(_scripted) as server:
        _writer(server.url).write(
            NoteBrief(
                segments=SEGMENTS,
                template=AFTER_VISIT_SUMMARY,
                context={"clinicianAddition": "Mention the inhaler technique."},
                language="english",
                style=VoiceStyle.MY_VOICE,
                example_note="CC: cough. Plan: rest.",
            )
        )
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "plain everyday language" in prompt
    assert "CC: cough. Plan: rest." in prompt
    assert (
        "The clinician adds (follow it where the transcript allows): Mention the inhaler" in prompt
    )


def _fallback_note(items: list[NoteEvent | WrittenNote]) -> WrittenNote:
    note = items[-1]
    assert isinstance(note, WrittenNote)
    assert note.engine == "grounded"
    assert note.sentences()
    return note


def test_a_server_error_falls_back_to_the_grounded_engine_and_says_why() -> None:
    with chat_server(lambda body: Reply(status=500, error_body='{"error": "GPU fell over"}')) as s:
        note = _fallback_note(_stream(_writer(s.url)))
    assert "answered 500" in note.warnings[0]
    assert "GPU fell over" in note.warnings[0]
    assert "grounded engine wrote this note" in note.warnings[0]


def test_a_timeout_falls_back_to_the_grounded_engine() -> None:
    slow = text_reply("Reports a cough.", delay_seconds=2.0)
    with chat_server(lambda body: slow) as server:
        items = _stream(_writer(server.url, timeout=0.5))
    note = _fallback_note(items)
    assert "0.5 s" in note.warnings[0]
    assert not any(isinstance(i, TextDelta) and "stopped" in i.text for i in items)


def test_a_malformed_stream_mid_note_is_announced_then_replaced() -> None:
    broken = Reply(pieces=("Reports", " a cough"), raw_lines=("data: {not json",), done=False)
    with chat_server(lambda body: broken) as server:
        items = _stream(_writer(server.url))
    note = _fallback_note(items)
    assert "malformed stream event" in note.warnings[0]
    notices = [i.text for i in items if isinstance(i, TextDelta) and "stopped" in i.text]
    assert len(notices) == 1
    assert "grounded engine" in notices[0]


def test_a_stream_cut_before_done_is_an_error() -> None:
    cut = Reply(pieces=("Reports a cough.",), done=False)
    with chat_server(lambda body: cut) as server:
        note = _fallback_note(_stream(_writer(server.url)))
    assert "without [DONE]" in note.warnings[0]


def test_an_unreachable_server_falls_back() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    note = _fallback_note(_stream(_writer(f"http://127.0.0.1:{port}")))
    assert "could not be reached" in note.warnings[0]


def test_settings_choose_the_llm_engine_with_the_grounded_one_behind_it(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="MURMUR_NOTE_LLM_BASE_URL"):
        Settings(data_dir=tmp_path, note_engine="llm")
    assert isinstance(build_note_writer(Settings(data_dir=tmp_path)), GroundedNoteWriter)
    writer = build_note_writer(
        Settings(
            data_dir=tmp_path,
            note_engine="llm",
            note_llm_base_url="http://llm.internal:8000/v1",
            note_llm_model="llama-3.1-8b-instruct",
        )
    )
    assert isinstance(writer, LlmNoteWriter)
    assert writer.client.url == "http://llm.internal:8000/v1/chat/completions"
    assert writer.client.model == "llama-3.1-8b-instruct"
    assert isinstance(writer.fallback, GroundedNoteWriter)


def test_the_prompt_lists_the_visits_facts_beside_the_transcript() -> None:
    with chat_server(_scripted) as server:
        client = ChatClient(base_url=f"{server.url}/v1", model="test-model", api_key="sk-test")
        writer = LlmNoteWriter(
            client=client, fallback=GroundedNoteWriter(), facts=RuleFactExtractor()
        )
        note = writer.write(
            NoteBrief(segments=SEGMENTS, template=SOAP, context=None, language="english")
        )
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "Facts read from the visit" in prompt
    assert "- medication: Albuterol" in prompt
    assert "[1] Patient: Not great." in prompt  # the transcript is still there
    invented = [s for s in note.sentences() if "amoxicillin" in s.text]
    assert [s.unsupported for s in invented] == [True]  # still checked against the transcript
