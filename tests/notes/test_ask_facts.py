"""Ask AI answered from the visit's facts, each line citing the segments its fact rests on."""

from __future__ import annotations

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.notes.llm.client import ChatClient
from murmur.facts.domain import VisitFacts
from murmur.notes.ask import Answer, answer_from_visit
from murmur.notes.ask_stream import AskRequest, stream_answer
from murmur.notes.rendering import ContentType
from murmur.transcripts.pasted import parse_transcript
from tests.notes.chat_server import chat_server, text_reply
from tests.notes.seed import BRONCHITIS

HYPERTENSION = """\
[doctor] What brings you in today?
[patient] My blood pressure readings at home have been high, around 150 over 95.
[doctor] Your blood pressure here is one forty-eight over ninety.
[doctor] Any allergies to medications?
[patient] No, none.
[doctor] This is hypertension. I'm going to start amlodipine five milligrams once a day.
[doctor] Let's check a basic metabolic panel.
[doctor] Come back in four weeks to recheck your blood pressure.
"""
SPRAIN = """\
[doctor] You sprained your right ankle.
[doctor] If it gets worse, we'll get an x-ray of the ankle.
[doctor] Stop the ibuprofen and take Tylenol 500 milligrams every six hours as needed.
[patient] My mother had a stroke.
"""


def _ask(command: str, transcript: str = HYPERTENSION) -> Answer:
    segments = tuple(parse_transcript(transcript))
    facts = RuleFactExtractor().extract(segments, language="english")
    return answer_from_visit(command, segments=segments, note=None, facts=facts)


def test_the_diagnosis_is_answered_and_cited() -> None:
    answer = _ask("What was the diagnosis?")
    assert answer.text.startswith("Diagnosis from the visit:\n- Hypertension [5]")
    assert [c.segment for c in answer.citations] == [5]
    assert "Sources:\n[5] " in answer.text
    assert "This is hypertension." in answer.text


def test_whats_wrong_with_the_patient_is_the_diagnosis() -> None:
    answer = _ask("what's wrong with the patient", BRONCHITIS)
    assert "- Bronchitis [10]" in answer.text


def test_a_started_drug_is_answered_with_its_dose() -> None:
    answer = _ask("What was prescribed?")
    assert "- Started: Amlodipine 5 mg daily [5]" in answer.text
    assert [c.segment for c in answer.citations] == [5]


def test_a_drug_asked_by_name_gives_its_sig() -> None:
    answer = _ask("what dose of albuterol?", BRONCHITIS)
    assert "Albuterol 2 puffs inhaled every 4 hours as needed [11]" in answer.text


def test_orders_follow_up_vitals_and_allergies() -> None:
    assert "- Lab: metabolic panel [6]" in _ask("Any orders?").text
    assert "- Follow up: 4 weeks [7]" in _ask("When is the follow-up?").text
    vitals = _ask("What was the blood pressure?").text
    assert "- Blood pressure 148/90 mmHg (abnormal) [2]" in vitals
    assert "150/95 mmHg (abnormal), as the patient reported (before this visit) [1]" in vitals
    assert "- No known drug allergies [3][4]" in _ask("Any allergies?").text


def test_who_said_it_names_the_speaker() -> None:
    answer = _ask("Who mentioned amlodipine?")
    assert "- Clinician: started Amlodipine 5 mg daily (medication) [5]" in answer.text


def test_a_conditional_order_is_not_said_to_be_done() -> None:
    answer = _ask("Any orders?", SPRAIN)
    assert "- Imaging: x-ray (conditional) [1]" in answer.text


def test_stopped_and_started_drugs_are_told_apart() -> None:
    answer = _ask("What was prescribed?", SPRAIN)
    assert "- Stopped: Ibuprofen [2]" in answer.text
    assert "- Started: Acetaminophen 500 mg every 6 hours as needed [2]" in answer.text
    assert "Acetaminophen" not in _ask("What was stopped?", SPRAIN).text


def test_a_relatives_condition_is_theirs() -> None:
    answer = _ask("Who mentioned the stroke?", SPRAIN)
    assert "- Patient: mother's stroke (family history) [3]" in answer.text


def test_an_unanswerable_fact_question_says_so_plainly() -> None:
    stopped = _ask("What was stopped?")
    assert stopped.text == "No medication was held or stopped at this visit."
    assert stopped.citations == ()
    no_diagnosis = _ask("What was the diagnosis?", "[doctor] How was the drive in?\n")
    assert no_diagnosis.text == "The visit does not state a diagnosis."
    assert _ask("What was the heart rate?").text == "The visit does not record heart rate."


def test_other_questions_keep_retrieval() -> None:
    assert _ask("what about the mri results?").text == (
        "Nothing in the visit transcript answers that."
    )
    assert _ask("list the medications").text.startswith("Medications mentioned in the visit:")


def test_the_language_model_is_given_the_facts() -> None:
    segments = tuple(parse_transcript(HYPERTENSION))
    request = AskRequest(
        command="what was started?",
        content="",
        content_type=ContentType.MARKDOWN,
        segments=segments,
        note=None,
        plan_keys=frozenset({"plan"}),
        facts=RuleFactExtractor().extract(segments, language="english"),
    )
    with chat_server(lambda body: text_reply("Amlodipine 5 mg daily [5].")) as server:
        client = ChatClient(base_url=server.url, model="m")
        answer = "".join(stream_answer(request, model=client))
    assert "Sources:\n[5] " in answer
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "Facts read from the visit" in prompt
    assert "- medication: started Amlodipine 5 mg daily; present" in prompt
    assert "said by the clinician [5]" in prompt


def test_without_facts_the_grounded_answer_is_unchanged() -> None:
    segments = tuple(parse_transcript(BRONCHITIS))
    answer = answer_from_visit("What was the diagnosis?", segments=segments, note=None)
    empty = answer_from_visit(
        "What was the diagnosis?", segments=segments, note=None, facts=VisitFacts()
    )
    assert answer.text == "Nothing in the visit transcript answers that."
    assert empty.text == "The visit does not state a diagnosis."
