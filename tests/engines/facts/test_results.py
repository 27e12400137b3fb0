from __future__ import annotations

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.facts.domain import Result, Score, VisitFacts
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
