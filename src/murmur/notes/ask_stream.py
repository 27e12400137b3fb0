"""Ask AI as a stream of text pieces: the LLM engine by generation when one is configured
(its citations checked against the transcript), else, or when it fails, the grounded answer."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from murmur.facts.domain import VisitFacts
from murmur.notes.ask import answer_from_visit, citations_for, sources_block
from murmur.notes.ask_facts import facts_prompt
from murmur.notes.domain import WrittenNote
from murmur.notes.ports import ChatMessage, GenerationFailed, TextGenerator
from murmur.notes.rendering import ContentType
from murmur.transcripts.domain import Segment
from murmur.transcripts.text import numbered_transcript

MAX_CONTENT = 20_000
_CITED = re.compile(r"\[(\d{1,5})\]")
_SYSTEM = (
    "You are a clinical assistant answering a clinician's request about one visit. Use only "
    "the transcript, the facts read from it and the note given. After every claim cite the "
    "transcript lines it rests on as [n], using the line numbers shown (each fact lists its "
    "own). If the visit does not answer the request, say so."
)


@dataclass(frozen=True, slots=True)
class AskRequest:
    command: str
    content: str
    content_type: ContentType
    segments: tuple[Segment, ...]
    note: WrittenNote | None
    plan_keys: frozenset[str]
    facts: VisitFacts = field(default_factory=VisitFacts)


def _as(content_type: ContentType, text: str) -> str:
    if content_type is ContentType.HTML:
        return html.escape(text).replace("\n", "<br>\n")
    return text


def _grounded(request: AskRequest) -> Iterator[str]:
    answer = answer_from_visit(
        request.command,
        segments=request.segments,
        note=request.note,
        plan_keys=request.plan_keys,
        facts=request.facts,
    )
    for line in answer.text.splitlines(keepends=True):
        yield _as(request.content_type, line)


def _messages(request: AskRequest) -> list[ChatMessage]:
    note = request.content.strip()[:MAX_CONTENT] or (
        request.note.to_markdown() if request.note else "(no note yet)"
    )
    user = (
        f"Request: {request.command}\n\nThe note:\n{note}\n\n"
        f"Facts read from the visit (kind: fact; assertion, experiencer, speaker, lines):\n"
        f"{facts_prompt(request.facts)}\n\n"
        f"Transcript (numbered lines):\n{numbered_transcript(request.segments)}"
    )
    return [ChatMessage("system", _SYSTEM), ChatMessage("user", user)]


def stream_answer(request: AskRequest, *, model: TextGenerator | None) -> Iterator[str]:
    if model is None:
        yield from _grounded(request)
        return
    pieces: list[str] = []
    try:
        for piece in model.stream(_messages(request)):
            pieces.append(piece)
            yield _as(request.content_type, piece)
    except GenerationFailed as error:
        notice = "\n\n" if pieces else ""
        notice += (
            f"[The language model failed ({error}); answered from the transcript instead.]\n\n"
        )
        yield _as(request.content_type, notice)
        yield from _grounded(request)
        return
    yield _as(request.content_type, _checked_sources("".join(pieces), request.segments))


def _checked_sources(answer: str, segments: Sequence[Segment]) -> str:
    cited = [int(n) for n in _CITED.findall(answer)]
    valid = citations_for(cited, segments)
    tail = sources_block(valid)
    if len(valid) < len(set(cited)):
        tail += "\n\n(Some citations name no transcript line; check this answer.)"
    elif not valid:
        tail += "\n\n(No transcript line was cited; check this answer against the visit.)"
    return tail
