"""Heidi's client-customised JSON template (``content`` plus ``responses[]`` of questions)
answered from the visit; every answer carries the transcript segments it rests on."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from murmur.errors import InvalidInput
from murmur.notes.ask import Citation, citations_for, matching, rank_segments
from murmur.notes.domain import WrittenNote
from murmur.notes.evidence import content_words
from murmur.notes.rendering import ContentType
from murmur.transcripts.domain import Segment, SpeakerRole

ANSWER_TYPES = ("SingleResponse", "MultipleResponse", "TextArea", "DateResponse")
MAX_QUESTIONS = 200
_NEGATION = re.compile(r"\b(?:no|not|never|denies|denied|without|negative|none|n't)\b|n't\b", re.I)
_SENTENCE = re.compile(r"[^.?!;]+[.?!;]*")
_CLAUSE_BREAK = re.compile(r",\s*(?:but|and|although|though)\b|\bbut\b", re.I)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|i do|i have|correct|sure|definitely)\b", re.I)
_NO = re.compile(r"^\W*(?:no|nope|nah|not really|never|i don't|i do not|none)\b", re.I)
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_DATE = re.compile(
    r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b|\b(?P<us>\d{1,2}/\d{1,2}/\d{4})\b|"
    rf"\b(?P<month>{'|'.join(_MONTHS)})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?",
    re.I,
)


def _evidence(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [
        {
            "segment": c.segment,
            "start": c.start,
            "end": c.end,
            "speaker": c.speaker.value if c.speaker else None,
            "text": c.text,
        }
        for c in citations
    ]


def _question(raw: Any, index: int) -> dict[str, Any]:
    where = f"template.responses[{index}]"
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{where} must be an object", field=where)
    question = raw.get("question")
    if not isinstance(question, str) or not question.strip():
        raise InvalidInput(
            f"{where}.question must be a non-empty string", field=f"{where}.question"
        )
    answer_type = raw.get("answerType")
    if answer_type not in ANSWER_TYPES:
        raise InvalidInput(
            f"{where}.answerType must be one of {', '.join(ANSWER_TYPES)}",
            field=f"{where}.answerType",
        )
    options = raw.get("answerOptions") or []
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise InvalidInput(
            f"{where}.answerOptions must be a list of strings", field=f"{where}.answerOptions"
        )
    if answer_type in ("SingleResponse", "MultipleResponse") and not options:
        raise InvalidInput(
            f"{where}: a {answer_type} question needs answerOptions", field=f"{where}.answerOptions"
        )
    return {
        "questionId": raw.get("questionId", str(index)),
        "question": question.strip(),
        "answerType": answer_type,
        "answerOptions": options,
    }


def parse_widget(template: Any) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(template, Mapping):
        raise InvalidInput("template must be an object", field="template")
    responses = template.get("responses")
    if not isinstance(responses, list) or not responses:
        raise InvalidInput(
            "template.responses must be a non-empty list", field="template.responses"
        )
    if len(responses) > MAX_QUESTIONS:
        raise InvalidInput(f"at most {MAX_QUESTIONS} questions", field="template.responses")
    content = template.get("content", "")
    return (content if isinstance(content, str) else ""), [
        _question(raw, i) for i, raw in enumerate(responses)
    ]


def _reply_after(position: int, segments: Sequence[Segment]) -> int | None:
    for later in range(position + 1, min(position + 3, len(segments))):
        if segments[later].speaker is SpeakerRole.PATIENT:
            return later
    return None


def _yes_no(question: str, segments: Sequence[Segment]) -> tuple[bool | None, list[int]]:
    for position in rank_segments(content_words(question), segments, speaker=None):
        segment = segments[position]
        if segment.text.rstrip().endswith("?"):
            reply = _reply_after(position, segments)
            if reply is not None and _YES.search(segments[reply].text):
                return True, [position, reply]
            if reply is not None and _NO.search(segments[reply].text):
                return False, [position, reply]
            continue
        return not _NEGATION.search(segment.text), [position]
    return None, []


def _statements(text: str) -> list[str]:
    """The clauses of a segment that state something (questions left out), so that a negation
    only reaches the clause it is in: "Not great. I've had a cough" still reports a cough."""
    found: list[str] = []
    for sentence in _SENTENCE.findall(text):
        if not sentence.strip().endswith("?"):
            found.extend(part for part in _CLAUSE_BREAK.split(sentence) if part.strip())
    return found


def _mentioned(option: str, segments: Sequence[Segment]) -> list[int]:
    """Where the option is stated (not negated), or asked about and answered yes."""
    wanted = content_words(option)
    if not wanted:
        return []
    for position, segment in enumerate(segments):
        if matching(wanted, content_words(segment.text)) != wanted:
            continue
        for clause in _statements(segment.text):
            if matching(wanted, content_words(clause)) == wanted and not _NEGATION.search(clause):
                return [position]
        reply = _reply_after(position, segments) if segment.text.rstrip().endswith("?") else None
        if reply is not None and _YES.search(segments[reply].text):
            return [position, reply]
    return []


def _choose(question: dict[str, Any], segments: Sequence[Segment]) -> tuple[Any, list[int]]:
    options: list[str] = question["answerOptions"]
    lowered = {o.strip().lower(): o for o in options}
    if {"yes", "no"} <= set(lowered):
        said, positions = _yes_no(question["question"], segments)
        if said is None:
            return None, []
        return lowered["yes" if said else "no"], positions
    for option in options:
        if positions := _mentioned(option, segments):
            return option, positions
    return None, []


def _text_answer(
    question: str, note: WrittenNote | None, segments: Sequence[Segment]
) -> tuple[str | None, list[int]]:
    words = content_words(question)
    if note is not None:
        scored = [
            (len(words & content_words(s.text)), i, s)
            for i, s in enumerate(note.sentences())
            if s.evidence
        ]
        best = [s for overlap, _, s in sorted(scored, key=lambda t: (-t[0], t[1])) if overlap][:3]
        if best:
            return " ".join(s.text for s in best), [p for s in best for p in s.evidence]
    found = rank_segments(words, segments, speaker=None)[:3]
    if not found:
        return None, []
    return " ".join(segments[p].text for p in found), found


def _date(question: str, segments: Sequence[Segment]) -> tuple[str | None, list[int]]:
    ranked = rank_segments(content_words(question), segments, speaker=None)
    for position in [*ranked, *range(len(segments))]:
        if match := _DATE.search(segments[position].text):
            return _iso(match) or match.group(0), [position]
    return None, []


def _iso(match: re.Match[str]) -> str | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso")).isoformat()
        if match.group("us"):
            return datetime.strptime(match.group("us"), "%m/%d/%Y").date().isoformat()
        if match.group("year"):
            month = _MONTHS.index(match.group("month").lower()) + 1
            return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None
    return None


def _shown(answer: Any) -> str:
    if answer is None or answer == []:
        return "Not discussed."
    return ", ".join(answer) if isinstance(answer, list) else str(answer)


def render_answers(responses: Sequence[Mapping[str, Any]], content_type: ContentType) -> str:
    if content_type is ContentType.HTML:
        return "\n".join(
            f"<h3>{html.escape(r['question'])}</h3>\n<p>{html.escape(_shown(r['answer']))}</p>"
            for r in responses
        )
    return "\n\n".join(f"**{r['question']}**\n{_shown(r['answer'])}" for r in responses)


def fill_widget(
    template: Any,
    *,
    segments: Sequence[Segment],
    note: WrittenNote | None,
    content_type: ContentType = ContentType.MARKDOWN,
) -> dict[str, Any]:
    """``{"content", "responses": [{..., "answer", "evidence"}]}``: ``content`` is the answers
    written out; unanswered is ``None`` (``[]`` for MultipleResponse)."""
    _, questions = parse_widget(template)
    responses: list[dict[str, Any]] = []
    for question in questions:
        kind = question["answerType"]
        answer: Any
        if kind == "SingleResponse":
            answer, positions = _choose(question, segments)
        elif kind == "MultipleResponse":
            found = [(o, _mentioned(o, segments)) for o in question["answerOptions"]]
            answer = [o for o, where in found if where]
            positions = [p for _, where in found for p in where]
        elif kind == "DateResponse":
            answer, positions = _date(question["question"], segments)
        else:
            answer, positions = _text_answer(question["question"], note, segments)
        responses.append(
            {
                **question,
                "answer": answer,
                "evidence": _evidence(citations_for(positions, segments)),
            }
        )
    return {"content": render_answers(responses, content_type), "responses": responses}
