from __future__ import annotations

import re
import uuid

from murmur.engines.notes.grounded.grounding import unsupported_words
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.notes.domain import WrittenNote
from murmur.notes.ports import NoteBrief, NoteWriter
from murmur.notes.templates import SOAP, Template, TemplateSection
from murmur.transcripts.domain import Segment, SpeakerRole
from tests.engines.notes.grounded.visits import BRONCHITIS, SPANISH, segments


def _write(
    lines: list[str],
    *,
    template: Template = SOAP,
    context: dict[str, object] | None = None,
    language: str = "english",
) -> tuple[WrittenNote, list[Segment]]:
    visit = segments(lines)
    writer: NoteWriter = GroundedNoteWriter()
    note = writer.write(
        NoteBrief(segments=visit, template=template, context=context, language=language)
    )
    return note, visit


def _section(note: WrittenNote, key: str) -> list[str]:
    return [s.text for section in note.sections if section.key == key for s in section.sentences]


def test_every_sentence_cites_real_segments_whose_words_support_it() -> None:
    note, visit = _write(BRONCHITIS)

    assert note.sentences()
    for sentence in note.sentences():
        assert sentence.evidence, sentence.text
        assert all(0 <= p < len(visit) for p in sentence.evidence)
        assert not unsupported_words(sentence.text, sentence.evidence, visit), sentence.text


def test_a_first_person_symptom_becomes_a_third_person_report() -> None:
    note, _ = _write(BRONCHITIS)

    assert "The patient reports a cough for 5 days." in _section(note, "subjective")


def test_the_report_that_spans_two_segments_cites_both() -> None:
    note, _ = _write(BRONCHITIS)

    cough = next(s for s in note.sentences() if "cough for 5 days" in s.text)
    assert cough.evidence == (1, 2)


def test_a_denied_symptom_stays_a_pertinent_negative() -> None:
    note, _ = _write(BRONCHITIS)

    subjective = _section(note, "subjective")
    assert "The patient denies chest pain." in subjective
    assert not [s for s in note.sentences() if "chest pain" in s.text and "denies" not in s.text]


def test_a_bare_no_to_a_symptom_question_is_a_denial_citing_question_and_answer() -> None:
    note, _ = _write(["Any nausea or vomiting?", "No."])

    assert [(s.text, s.evidence) for s in note.sentences()] == [
        ("The patient denies nausea or vomiting.", (0, 1))
    ]


def test_no_followed_by_one_of_the_asked_symptoms_is_not_a_blanket_denial() -> None:
    note, _ = _write(
        ["Any chest pain or shortness of breath?", "No. Well, I get winded on stairs."]
    )

    texts = [s.text for s in note.sentences()]
    assert "The patient denies chest pain or shortness of breath." not in texts


def test_a_question_alone_asserts_nothing() -> None:
    note, _ = _write(["Do you have any chest pain?", "Let me think about that."])

    assert note.sentences() == []


def test_the_clinicians_impression_goes_to_assessment() -> None:
    note, _ = _write(BRONCHITIS)

    assert _section(note, "assessment") == ["Assessment: acute bronchitis."]


def test_a_hedged_impression_stays_hedged() -> None:
    note, _ = _write(["I think this is probably viral pneumonia."])

    assert _section(note, "assessment") == ["Assessment: likely viral pneumonia."]


def test_prescribing_and_advice_go_to_plan() -> None:
    note, _ = _write(BRONCHITIS)

    assert _section(note, "plan") == [
        "Medical Treatment: Prescribed an albuterol inhaler.",
        "Patient Education and Counseling: Advised to drink plenty of fluids and rest.",
    ]


def test_vitals_and_exam_findings_go_to_objective() -> None:
    note, _ = _write(BRONCHITIS)

    objective = _section(note, "objective")
    assert "Temperature today is 99.1." in objective
    assert "Respiratory: Wheezing in both lungs." in objective
    assert "Respiratory: No crackles." in objective


def test_greetings_and_thanks_are_left_out() -> None:
    note, _ = _write(BRONCHITIS)

    chatter = re.compile(r"\b(?:hi|morning|thank|welcome|okay|how are you)\b", re.IGNORECASE)
    assert not [s.text for s in note.sentences() if chatter.search(s.text)]


def test_a_guess_after_not_sure_if_is_not_reported_as_fact() -> None:
    note, _ = _write(["I'm not sure if it's the flu or just allergies."])

    flu = [s.text for s in note.sentences() if "flu" in s.text.lower()]
    assert all("not sure if" in text for text in flu), flu


def test_context_appears_in_subjective_marked_and_without_evidence() -> None:
    context: dict[str, object] = {
        "allergies": ["penicillin"],
        "medications": [{"name": "lisinopril", "dose": "10 mg"}],
    }
    note, _ = _write(BRONCHITIS, context=context)

    subjective = note.sections[0].sentences
    assert [(s.text, s.evidence) for s in subjective[:2]] == [
        ("Per intake context: allergies: penicillin.", ()),
        ("Per intake context: medications: name: lisinopril; dose: 10 mg.", ()),
    ]
    assert all(s.evidence for s in note.sentences() if not s.text.startswith("Per intake"))


def test_sections_follow_the_template_in_order() -> None:
    note, _ = _write(BRONCHITIS)

    assert [(s.key, s.title) for s in note.sections] == [(t.key, t.title) for t in SOAP.sections]


def test_unknown_section_keys_are_matched_by_title_and_others_left_empty() -> None:
    template = Template(
        uuid.uuid4(),
        "Problem-oriented",
        (
            TemplateSection("hpi", "History of present illness", "What the patient reports."),
            TemplateSection("exam", "Physical examination", "Findings."),
            TemplateSection("a_p", "Assessment and plan", "Impression and next steps."),
            TemplateSection("billing", "Billing notes", "Administrative remarks."),
        ),
    )
    note, _ = _write(BRONCHITIS, template=template)

    by_key = {s.key: [x.text for x in s.sentences] for s in note.sections}
    assert "The patient reports a cough for 5 days." in by_key["hpi"]
    assert "Respiratory: Wheezing in both lungs." in by_key["exam"]
    assert by_key["a_p"][0] == "Assessment: acute bronchitis."
    assert "Medical Treatment: Prescribed an albuterol inhaler." in by_key["a_p"]
    assert by_key["billing"] == []


def test_the_title_is_the_main_assessment() -> None:
    note, _ = _write(BRONCHITIS)

    assert note.title == "Acute bronchitis"


def test_a_visit_with_only_small_talk_gets_the_default_title_and_a_warning() -> None:
    note, _ = _write(["Hello there.", "Thank you, bye."])

    assert note.title == "Clinical note"
    assert note.sentences() == []
    assert any("No clinical statements" in w for w in note.warnings)


def test_labelled_speakers_give_the_same_clinical_content() -> None:
    speakers = [SpeakerRole.CLINICIAN, SpeakerRole.PATIENT]
    labelled = GroundedNoteWriter().write(
        NoteBrief(
            segments=segments(["Any fever?", "No."], speakers),
            template=SOAP,
            context=None,
            language="english",
        )
    )

    assert [s.text for s in labelled.sentences()] == ["The patient denies fever."]
    assert labelled.warnings == ()


def test_a_spanish_visit_keeps_evidence_and_uses_spanish_frames() -> None:
    note, visit = _write(SPANISH, language="spanish")

    texts = [s.text for s in note.sentences()]
    assert "Paciente refiere tos desde hace cinco días." in texts
    assert "Paciente niega fiebre." in texts
    assert "Impresión diagnóstica compatible con bronquitis aguda." in texts
    assert "Se prescribe un inhalador de albuterol." in texts
    assert all(s.evidence and max(s.evidence) < len(visit) for s in note.sentences())


def test_a_denial_stops_where_a_relatives_history_begins() -> None:
    note, _ = _write(["I've never had a kidney stone my dad had them a lot."])

    assert [s.text for s in note.sentences()] == ["The patient denies kidney stone."]


def test_a_return_precaution_keeps_its_conditions_together() -> None:
    note, _ = _write(["Call us if it is above 160 over 100, or if you have chest pain."])

    assert _section(note, "plan") == [
        "Patient Education and Counseling: Advised to seek care if it is above 160 over 100, "
        "or if they have chest pain."
    ]
