from __future__ import annotations

from typing import Any

import pytest

from murmur.errors import InvalidInput
from murmur.notes.rendering import ContentType
from murmur.notes.widget import fill_widget
from murmur.transcripts.pasted import parse_transcript

VISIT = parse_transcript(
    "[doctor] Do you smoke?\n"
    "[patient] No, I quit years ago.\n"
    "[doctor] Any shortness of breath?\n"
    "[patient] Yes, when I climb stairs.\n"
    "[patient] My knee hurts but there is no swelling.\n"
    "[doctor] Your surgery is booked for March 3, 2027.\n"
)


def _answers(*questions: dict[str, Any]) -> dict[str, Any]:
    filled = fill_widget({"responses": list(questions)}, segments=VISIT, note=None)
    return {r["questionId"]: r for r in filled["responses"]}


def test_yes_no_questions_follow_the_patients_reply() -> None:
    answers = _answers(
        {"questionId": "smoke", "question": "Does the patient smoke?",
         "answerType": "SingleResponse", "answerOptions": ["Yes", "No"]},
        {"questionId": "sob", "question": "Shortness of breath?",
         "answerType": "SingleResponse", "answerOptions": ["Yes", "No"]},
        {"questionId": "fever", "question": "Fever?",
         "answerType": "SingleResponse", "answerOptions": ["Yes", "No"]},
    )  # fmt: skip
    assert answers["smoke"]["answer"] == "No"
    assert [e["segment"] for e in answers["smoke"]["evidence"]] == [0, 1]
    assert answers["sob"]["answer"] == "Yes"
    assert answers["fever"]["answer"] is None
    assert answers["fever"]["evidence"] == []


def test_multiple_response_keeps_what_was_reported_and_drops_what_was_denied() -> None:
    answers = _answers(
        {"questionId": "sx", "question": "Symptoms", "answerType": "MultipleResponse",
         "answerOptions": ["Knee pain", "Swelling", "Shortness of breath", "Rash"]},
    )  # fmt: skip
    assert answers["sx"]["answer"] == ["Shortness of breath"]


def test_dates_are_read_as_iso_dates() -> None:
    answers = _answers(
        {"questionId": "d", "question": "When is the surgery?", "answerType": "DateResponse"}
    )
    assert answers["d"]["answer"] == "2027-03-03"
    assert answers["d"]["evidence"][0]["text"] == "Your surgery is booked for March 3, 2027."


def test_content_writes_out_the_answers() -> None:
    filled = fill_widget(
        {"responses": [{"questionId": 1, "question": "Smoker <?>", "answerType": "SingleResponse",
                        "answerOptions": ["Yes", "No"]}]},
        segments=VISIT, note=None, content_type=ContentType.HTML,
    )  # fmt: skip
    assert filled["content"] == "<h3>Smoker &lt;?&gt;</h3>\n<p>No</p>"


@pytest.mark.parametrize(
    ("template", "field"),
    [
        ([], "template"),
        ({"responses": []}, "template.responses"),
        ({"responses": [{"question": "", "answerType": "TextArea"}]},
         "template.responses[0].question"),
        ({"responses": [{"question": "Q", "answerType": "SingleResponse"}]},
         "template.responses[0].answerOptions"),
    ],
)  # fmt: skip
def test_malformed_templates_name_the_field(template: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        fill_widget(template, segments=VISIT, note=None)
    assert raised.value.field == field
