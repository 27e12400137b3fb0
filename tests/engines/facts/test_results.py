from __future__ import annotations

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.facts.domain import Exam, Laterality, Result, Score, VisitFacts
from murmur.transcripts.pasted import parse_transcript


def _facts(transcript: str) -> VisitFacts:
    return RuleFactExtractor().extract(parse_transcript(transcript), language="english")


def test_a_lab_value_out_of_range_is_abnormal() -> None:
    facts = _facts("[doctor] your hemoglobin a1c is a little elevated at eight point two .")

    (result,) = facts.of(Result)
    assert (result.name, result.value, result.abnormal) == ("hemoglobin a1c", "8.2", True)
    assert result.key


def test_a_lab_value_in_range_is_not_abnormal() -> None:
    facts = _facts("[doctor] your potassium was 4.1 , which is right where we want it .")

    (result,) = facts.of(Result)
    assert (result.name, result.value, result.abnormal) == ("potassium", "4.1", False)


def test_a_pain_rating_out_of_ten_is_a_score() -> None:
    facts = _facts(
        "[doctor] how bad is the pain ?\n[patient] i'd say it's about a seven out of ten ."
    )

    (score,) = facts.of(Score)
    assert (score.name, score.value, score.abnormal) == ("pain", "7/10", True)


def test_an_exam_finding_keeps_its_side() -> None:
    facts = _facts("[doctor] on exam , you have a carotid bruit on the right hand side .")

    (finding,) = facts.of(Exam)
    assert (finding.finding, finding.laterality, finding.normal) == (
        "carotid bruit",
        Laterality.RIGHT,
        False,
    )
    assert finding.key


def test_edema_of_both_legs_is_bilateral() -> None:
    facts = _facts("[doctor] you do have one plus pitting edema in your legs .")

    (finding,) = facts.of(Exam)
    assert finding.laterality is Laterality.BILATERAL


def test_a_denied_finding_is_normal_and_not_key() -> None:
    facts = _facts("[doctor] i don't hear any carotid bruits .")

    (finding,) = facts.of(Exam)
    assert finding.normal
    assert not finding.key


def test_asking_about_swelling_is_not_a_finding() -> None:
    facts = _facts("[doctor] do you have any swelling in your left ankle")

    assert facts.of(Exam) == []


def test_a_lab_planned_in_some_months_is_not_a_result() -> None:
    facts = _facts("[doctor] I am ordering a repeat A1c in three months.")

    assert facts.of(Result) == []


def test_ldl_cholesterol_is_one_result() -> None:
    facts = _facts("[doctor] Your LDL cholesterol is 96.")

    assert [(r.name, r.value) for r in facts.of(Result)] == [("ldl", "96")]
