"""The patient's agreement to the plan, when the clinician checks and the patient says yes."""

from __future__ import annotations

import re

from murmur.language.sentences import Utterance
from murmur.language.statements import Kind, Statement
from murmur.transcripts.domain import SpeakerRole

AGREEMENT = "The patient understands and agrees with the recommended medical treatment plan."
PLAN_PART_STARTS = 0.6
AGREEMENT_WORDS = "understands agrees recommended medical treatment plan"
_CHECK = re.compile(
    r"\b(?:does (?:that|this) (?:sound|work|make sense)|sounds? good|sound like a plan|"
    r"are you (?:okay|ok|comfortable|good) with (?:that|this|the plan)|is that (?:okay|alright|"
    r"all right)|does that (?:work|make sense))\b|"
    r"\b(?:okay|ok|alright|all right|right)\s*\?\s*$",  # "..., okay?" closing the plan
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|sure|okay|ok|sounds good|that sounds (?:good|great|fine)|alright|"
    r"all right|absolutely|definitely|perfect|great|that works|makes sense)\b",
    re.IGNORECASE,
)
_BUT = re.compile(r"\b(?:but|not sure|worried|rather not|do not want)\b", re.IGNORECASE)


def agreement(utterances: list[Utterance]) -> Statement | None:
    """The last plan check the patient answered with a plain yes, citing both turns."""
    found: Statement | None = None
    # The plan is discussed at the end of a visit; an "okay?" during the exam agrees to nothing.
    start = int(len(utterances) * PLAN_PART_STARTS)
    for check, reply in zip(utterances[start:], utterances[start + 1 :], strict=False):
        if check.speaker is SpeakerRole.PATIENT or reply.speaker is SpeakerRole.CLINICIAN:
            continue
        if _CHECK.search(check.text) and _YES.match(reply.text) and not _BUT.search(reply.text):
            evidence = tuple(sorted(set(check.evidence) | set(reply.evidence)))
            found = Statement(Kind.PLAN, AGREEMENT, evidence, frozenset({"agreement"}))
    return found
