from __future__ import annotations

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.facts.domain import (
    Allergy,
    Assertion,
    Certainty,
    Diagnosis,
    Experiencer,
    Fact,
    FamilyHistory,
    FollowUp,
    Laterality,
    Medication,
    MedicationAction,
    Order,
    OrderType,
    ReturnPrecaution,
    Speaker,
    VisitFacts,
    Vital,
    VitalName,
)
from murmur.transcripts.domain import Segment
from murmur.transcripts.pasted import parse_transcript


def _facts(transcript: str) -> tuple[VisitFacts, list[Segment]]:
    segments = parse_transcript(transcript)
    return RuleFactExtractor().extract(segments, language="english"), segments


def _quoted(fact: Fact, segments: list[Segment]) -> list[str]:
    return [segments[e.segment].text[e.start : e.end] for e in fact.evidence]


def test_a_drug_started_with_its_sig() -> None:
    facts, _ = _facts(
        "[doctor] we'll put you on carvedilol , twenty five milligrams twice a day by mouth ."
    )

    (drug,) = facts.of(Medication)
    assert (drug.name, drug.action, drug.assertion) == (
        "carvedilol",
        MedicationAction.STARTED,
        Assertion.PRESENT,
    )
    assert drug.sig == "Carvedilol 25 mg PO twice daily"
    assert drug.key


def test_continue_your_metformin_is_continued_and_not_a_change() -> None:
    facts, _ = _facts("[doctor] continue your metformin , 500 mg twice a day .")

    (drug,) = facts.of(Medication)
    assert drug.action is MedicationAction.CONTINUED
    assert not drug.key


def test_a_brand_name_is_written_as_the_generic_and_the_new_dose_kept() -> None:
    facts, _ = _facts("[doctor] i want to increase your norvasc to 10 mg a day .")

    (drug,) = facts.of(Medication)
    assert (drug.name, drug.action, drug.dose, drug.frequency) == (
        "amlodipine",
        MedicationAction.CHANGED,
        "10 mg",
        "daily",
    )


def test_a_drug_the_patient_already_takes_is_taking() -> None:
    facts, _ = _facts("[patient] i take lisinopril every morning .")

    (drug,) = facts.of(Medication)
    assert drug.action is MedicationAction.TAKING
    assert drug.speaker is Speaker.PATIENT


def test_a_denied_allergy_is_absent_and_still_key() -> None:
    facts, _ = _facts("[doctor] any allergies to medications ?\n[patient] no .")

    (allergy,) = facts.of(Allergy)
    assert allergy.assertion is Assertion.ABSENT
    assert allergy.key


def test_a_named_allergy_is_present() -> None:
    facts, segments = _facts("[patient] i'm allergic to penicillin , i get a rash .")

    (allergy,) = facts.of(Allergy)
    assert (allergy.substance, allergy.assertion) == ("penicillin", Assertion.PRESENT)
    assert _quoted(allergy, segments) == ["allergic to penicillin"]


def test_an_x_ray_if_it_gets_worse_is_conditional_not_ordered() -> None:
    facts, _ = _facts("[doctor] if it gets worse , we'll get an x-ray of your ankle .")

    (order,) = facts.of(Order)
    assert order.order_type is OrderType.IMAGING
    assert order.assertion is Assertion.CONDITIONAL


def test_an_ordered_test_is_present() -> None:
    facts, _ = _facts("[doctor] i'm going to order an echocardiogram today .")

    (order,) = facts.of(Order)
    assert (order.name, order.assertion) == ("echocardiogram", Assertion.PRESENT)


def test_a_sisters_stroke_is_family_history_not_the_patients() -> None:
    facts, segments = _facts("[patient] my sister had a stroke last year .")

    (history,) = facts.of(FamilyHistory)
    assert (history.relative, history.condition) == ("sister", "stroke")
    assert history.experiencer is Experiencer.FAMILY
    assert _quoted(history, segments) == ["sister had a stroke"]
    assert all(f.experiencer is Experiencer.FAMILY for f in facts.facts)


def test_a_spoken_blood_pressure_is_written_in_digits_with_its_words_as_evidence() -> None:
    facts, segments = _facts(
        "[patient] okay .\n[doctor] your blood pressure today is one forty-eight over ninety ."
    )

    (vital,) = facts.of(Vital)
    assert (vital.name, vital.value, vital.unit) == (VitalName.BLOOD_PRESSURE, "148/90", "mmHg")
    assert vital.abnormal
    assert [e.segment for e in vital.evidence] == [1]
    assert _quoted(vital, segments) == ["one forty-eight over ninety"]


def test_a_normal_blood_pressure_is_not_flagged() -> None:
    facts, _ = _facts("[doctor] blood pressure is one eighteen over seventy six .")

    (vital,) = facts.of(Vital)
    assert vital.value == "118/76"
    assert not vital.abnormal


def test_the_follow_up_interval_in_digits() -> None:
    facts, _ = _facts("[doctor] i want to see you back in the office in two weeks .")

    (follow_up,) = facts.of(FollowUp)
    assert follow_up.interval == "2 weeks"


def test_small_talk_gives_no_facts() -> None:
    facts, _ = _facts("[doctor] how was your weekend ?\n[patient] good , we went to the lake .")

    assert facts.facts == ()


def test_a_language_without_patterns_gives_no_facts_rather_than_wrong_ones() -> None:
    segments = parse_transcript("[doctor] vamos a empezar metformina .")

    assert RuleFactExtractor().extract(segments, language="spanish").facts == ()


def test_a_relative_named_in_the_answer_to_a_family_question() -> None:
    facts, _ = _facts(
        "[doctor] any family history of heart disease ?\n"
        "[patient] not in my immediate family , but my cousin had it ."
    )

    (history,) = facts.of(FamilyHistory)
    assert (history.relative, history.condition) == ("cousin", "heart disease")
    assert history.assertion is Assertion.PRESENT


def test_a_family_question_answered_no_is_absent_and_not_key() -> None:
    facts, _ = _facts("[doctor] any family history of heart disease ?\n[patient] no .")

    (history,) = facts.of(FamilyHistory)
    assert history.assertion is Assertion.ABSENT
    assert not history.key


def test_the_clinicians_diagnosis_keeps_its_side() -> None:
    facts, _ = _facts("[doctor] your diagnosis is bilateral carpal tunnel syndrome .")

    (diagnosis,) = facts.of(Diagnosis)
    assert (diagnosis.name, diagnosis.laterality) == (
        "carpal tunnel syndrome",
        Laterality.BILATERAL,
    )
    assert diagnosis.certainty is Certainty.CONFIRMED


def test_a_ruled_out_diagnosis_is_absent_and_not_key() -> None:
    facts, _ = _facts("[doctor] i don't think you have pneumonia .")

    (diagnosis,) = facts.of(Diagnosis)
    assert diagnosis.assertion is Assertion.ABSENT
    assert diagnosis.certainty is Certainty.RULED_OUT
    assert not diagnosis.key


def test_a_prescription_cites_the_drug_and_its_sig() -> None:
    facts, segments = _facts(
        "[doctor] i'm going to prescribe oxycodone five milligrams every six hours as needed ."
    )

    (drug,) = facts.of(Medication)
    assert drug.sig == "Oxycodone 5 mg every 6 hours as needed"
    assert _quoted(drug, segments) == ["oxycodone five milligrams every six hours as needed"]


def test_a_return_precaution_keeps_what_should_bring_the_patient_back() -> None:
    facts, segments = _facts("[doctor] go to the emergency room if you have chest pain .")

    (precaution,) = facts.of(ReturnPrecaution)
    assert precaution.trigger == "you have chest pain"
    assert precaution.key
    assert _quoted(precaution, segments) == ["if you have chest pain"]


def test_call_us_with_questions_is_not_a_return_precaution() -> None:
    facts, _ = _facts("[doctor] call us if you have any questions .")

    assert facts.of(ReturnPrecaution) == []


def test_omeprazole_is_omeprazole_and_tamiflu_is_oseltamivir() -> None:
    facts = RuleFactExtractor().extract(
        parse_transcript(
            "[doctor] I'm going to start you on omeprazole 20 milligrams once a day.\n"
            "[doctor] I'm also starting tamiflu 75 milligrams twice a day."
        ),
        language="english",
    )

    assert sorted(m.name for m in facts.of(Medication)) == ["omeprazole", "oseltamivir"]
