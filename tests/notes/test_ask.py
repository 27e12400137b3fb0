from __future__ import annotations

from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.engines.notes.llm.client import ChatClient
from murmur.notes.ask import answer_from_visit, plan_section_keys
from murmur.notes.ask_stream import AskRequest, stream_answer
from murmur.notes.ports import NoteBrief
from murmur.notes.rendering import ContentType
from murmur.notes.templates import AFTER_VISIT_SUMMARY, APSO, SOAP
from murmur.transcripts.pasted import parse_transcript
from tests.notes.chat_server import Reply, chat_server, text_reply
from tests.notes.seed import BRONCHITIS

SEGMENTS = tuple(parse_transcript(BRONCHITIS))
NOTE = GroundedNoteWriter().write(
    NoteBrief(segments=SEGMENTS, template=SOAP, context=None, language="english")
)


def _request(command: str, content_type: ContentType = ContentType.MARKDOWN) -> AskRequest:
    return AskRequest(
        command=command,
        content="",
        content_type=content_type,
        segments=SEGMENTS,
        note=NOTE,
        plan_keys=plan_section_keys(SOAP),
    )


def test_medications_are_listed_with_the_segments_they_come_from() -> None:
    answer = answer_from_visit("list the medications", segments=SEGMENTS, note=NOTE)
    assert [c.segment for c in answer.citations] == [7, 11]
    assert "albuterol inhaler, two puffs every four hours as needed" in answer.text
    assert "[11]" in answer.text
    assert "Sources:\n[7] " in answer.text


def test_what_the_patient_said_quotes_only_the_patient() -> None:
    answer = answer_from_visit(
        "What did the patient say about the cough?", segments=SEGMENTS, note=NOTE
    )
    assert answer.citations
    assert {c.speaker for c in answer.citations} == {SEGMENTS[1].speaker}
    assert "cough for five days" in answer.text


def test_patient_instructions_come_from_the_plan_with_citations() -> None:
    answer = answer_from_visit(
        "write patient instructions", segments=SEGMENTS, note=NOTE, plan_keys={"plan"}
    )
    assert answer.text.startswith("Instructions from today's visit:\n- ")
    assert "one week" in answer.text
    assert answer.citations


def test_a_question_the_visit_does_not_answer_says_so_without_citations() -> None:
    answer = answer_from_visit("what about the mri results?", segments=SEGMENTS, note=NOTE)
    assert answer.citations == ()
    assert answer.text == "Nothing in the visit transcript answers that."


def test_plan_sections_are_found_by_what_fills_them() -> None:
    assert plan_section_keys(APSO) == {"plan"}
    assert plan_section_keys(AFTER_VISIT_SUMMARY) == {"what_to_do", "follow_up"}


def test_llm_answer_is_streamed_and_its_citations_checked() -> None:
    reply = text_reply("The patient takes an albuterol inhaler [11] and metformin [99].")
    with chat_server(lambda body: reply) as server:
        client = ChatClient(base_url=server.url, model="m")
        pieces = list(stream_answer(_request("list the medications"), model=client))
    assert len(pieces) > 5
    answer = "".join(pieces)
    assert answer.startswith("The patient takes an albuterol inhaler [11]")
    assert "Sources:\n[11] " in answer
    assert "Some citations name no transcript line" in answer
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "Request: list the medications" in prompt
    assert "[11] Clinician: I'm going to prescribe an albuterol inhaler" in prompt


def test_llm_failure_falls_back_to_the_grounded_answer_and_says_why() -> None:
    with chat_server(lambda body: Reply(status=503, error_body="overloaded")) as server:
        client = ChatClient(base_url=server.url, model="m")
        answer = "".join(stream_answer(_request("list the medications"), model=client))
    assert answer.startswith("[The language model failed (")
    assert "answered 503: overloaded" in answer
    assert "Medications mentioned in the visit:" in answer


def test_html_answers_are_escaped() -> None:
    answer = "".join(stream_answer(_request("list the medications", ContentType.HTML), model=None))
    assert "<br>" in answer
    assert "\u201cI&#x27;m going to prescribe" in answer
