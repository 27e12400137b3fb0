"""The plan as said: orders and referrals, the follow-up interval, and return precautions."""

from __future__ import annotations

import re

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import ORDER_RE, SPECIALIST_RE, SPECIALISTS, order_named
from murmur.facts.domain import FollowUp, Laterality, Order, OrderType, ReturnPrecaution
from murmur.language.clinical_words import SYMPTOM_RE
from murmur.language.numbers import NUMBER, spoken_value

# A test is ordered when a verb of getting or doing it comes shortly before it.
_ORDER_VERB = re.compile(
    r"\b(?:order\w*|get(?:ting)?|do(?:ing)?|check\w*|schedul\w*|arrang\w*|send\w*|sent|"
    r"book\w*|obtain\w*|repeat\w*|run\w*|request\w*|asking for|set (?:you )?up|draw\w*|"
    r"test\w*|take|taking|give (?:you )?|put (?:you )?down for|sign (?:you )?up for|"
    r"have (?:you )?(?:get|do|have)|"
    r"need\w*|recommend\w*|want (?:you )?to have|go for|put in (?:for|an?))\b"
)
_LIST_GAP = re.compile(r"(?:[ ,]|and|a|an|some|also|the|get|another|you|levels?|tests?|\w+ing)*")
_RESULT_TALK = re.compile(
    r"\b(?:showed|shows|came back|results?|was (?:normal|negative|positive)|revealed|"
    r"demonstrated|looked|your last|you had (?:an?|the)|did (?:an?|the))\b"
)
_REFERRAL = re.compile(
    r"\b(?:refer\w*(?: you)?(?: back)?(?: over)? to|referral (?:to|for)|send you (?:to|over to)|"
    r"(?:see|seen by|consult with) (?:an?|the|your)?|(?:get|set) you (?:set )?up with|"
    r"get you in (?:with|to see)|go (?:back )?to (?:see )?)\s*(?:a |an |the |your )?"
)
# "a referral to nutrition, to a dietitian": the person named next is the one meant.
_MORE_PRECISE = re.compile(r"\s*(?:,\s*)?(?:to|or|,)\s+(?:see\s+)?(?:a |an |the )?")
_DONE_BEFORE = re.compile(r"checked|did|ran|drew")
# "And a lipid panel": a clinician's sentence that goes on with the list of the one before.
_GOES_ON = re.compile(r"^\W*(?:and|also|plus|as well as|along with)\b")
_SIDES = (
    (re.compile(r"\b(?:both|bilateral\w*)\b"), Laterality.BILATERAL),
    (re.compile(r"\bleft\b"), Laterality.LEFT),
    (re.compile(r"\bright\b(?! now| away| here| there| after| before| then)"), Laterality.RIGHT),
)
_FOLLOW = re.compile(
    r"\b(?:see (?:you|him|her|them)(?: back)?|follow[- ]?up|come back|come in|return|back in|"
    r"recheck|check (?:back )?in|next appointment|touch base|revisit|be seen|another appointment|"
    r"see me|come see|make an appointment|book an appointment|appointment)\b"
)
_CALL_BACK = re.compile(
    r"\b(?:i'll|i will|we'll|we will|someone will|the nurse will|i'm going to|we're going to|"
    r"we're gonna|i'm gonna) (?:give you a )?(?:call|ring|phone|contact|message|let) you "
    r"(?:know )?(?:back )?(?:with|once|when|as soon as|about)(?: the| your| we get| i get)? "
    r"(?:the )?(?:results?|they come back)"
)
_FOLLOW_AFTER = re.compile(r"\bafter (?:the |your |you(?:'ve)? (?:get|had|have) (?:the |your )?)"
                           r"(?P<what>[\w-]+(?: [\w-]+)?)")  # fmt: skip
_INTERVAL = re.compile(
    rf"\b(?:in|within|after|for)?\s*(?:about |another |the next )?"
    rf"(?P<n>{NUMBER}|a|an|a few|a couple(?: of)?|couple(?: of)?|several|few) "
    r"(?P<u>days?|weeks?|months?|years?)(?:'s?)?(?: time)?\b"
)
_SPECIALISTS_WORDS = SPECIALISTS
_REQUEST = re.compile(
    r"\b(?:can|could|would|will) you(?: be able to| please| just| try to| make sure to)?\b|"
    r"\bare you able to\b|\bis it possible (?:for you )?to\b"
)
_IF_NEAR = re.compile(r"\b(?:if|unless|should)\b")
_FOLLOW_WITH = re.compile(rf"\bfollow[- ]?up with (?:your |the |a |an )?(?:{_SPECIALISTS_WORDS})")
_NEXT = re.compile(r"\bnext (?P<u>week|month|year)\b")
_AS_NEEDED = re.compile(r"\b(?:as needed|prn|if (?:you )?need (?:us|me|to))\b")
_SEEK_CARE = re.compile(
    r"\b(?:call|come back|come in|return|go to|head to|get to|seek|let (?:me|us) know|contact|"
    r"ring|phone|take yourself|reach out|give (?:me|us) a call|be seen|emergency|e r|a and e|"
    r"a&e|911|999|urgent care)\b"
)
_TRIGGER = re.compile(
    r"\b(?:if|should|in case|any (?:signs?|new|worsening))\b(?P<t>[^.?!]*?)"
    r"(?=,|\bthen\b|\bplease\b|"
    r"\byou (?:should|need|must|can|call|come)|\bcall\b|\bgo\b|\bcome\b|$|[.?!])"
)
_TRIGGER_WORDS = 16
_WORSE = re.compile(
    r"\b(?:wors\w*|not (?:getting )?better|no better|doesn't (?:improve|get better)|"
    r"persist\w*|new|develop\w*|increas\w*|spread\w*|high|go(?:es)? up|unwell|any signs?)\b"
)
_THEN_SEEK = re.compile(
    r",?\s*\bthen\b(?:[^.?!]{0,40}?)\b(?:call|come back|come in|go to|seek|contact|ring|"
    r"take yourself|get (?:seen|help)|a and e|a&e|emergency|e r)\b"
)
_OPENS = re.compile(r"(?:^|[.;?!]\s*|\b)(?:if|and|so|but|should)\b(?=[^.;?!]*$)")
_QUESTION_TRIGGER = re.compile(r"\bquestions?|concerns?\b")


def _laterality(text: str) -> Laterality | None:
    for pattern, side in _SIDES:
        if pattern.search(text):
            return side
    return None


def _orders(said: Said, *, listing: bool = False) -> list[Order]:
    found: list[Order] = []
    listed_to = -1  # where the last ordered test ended: a list goes on ("x, y and z")
    if listing and (goes_on := _GOES_ON.match(said.text)):
        listed_to = goes_on.end()
    for match in ORDER_RE.finditer(said.text):
        start, end = match.span()
        before = said.text[max(0, start - 60) : start]
        verb = list(_ORDER_VERB.finditer(before))
        if verb and _DONE_BEFORE.fullmatch(verb[-1].group(0)):
            verb = []  # "I checked your magnesium level because…" tells a result
        in_list = listed_to >= 0 and _LIST_GAP.fullmatch(said.text[listed_to:start]) is not None
        if not (verb or in_list) or _RESULT_TALK.search(said.text[max(0, start - 40) : end + 20]):
            continue
        listed_to = end
        name, kind = order_named(match)
        phrase = said.text[max(0, start - 30) : end + 25]
        found.append(
            Order(
                order_type=kind,
                name=name,
                laterality=_laterality(phrase),
                assertion=said.assertion(start, end, plan=True),
                speaker=said.speaker,
                confidence=0.7,
                evidence=said.evidence(start, end),
            )
        )
    for match in _REFERRAL.finditer(said.text):
        target = SPECIALIST_RE.match(said.text, match.end())
        if target is None:
            continue
        if (then := _MORE_PRECISE.match(said.text, target.end())) and (
            precise := SPECIALIST_RE.match(said.text, then.end())
        ):
            target = precise
        start, end = target.span()
        found.append(
            Order(
                order_type=OrderType.REFERRAL,
                name=target.group(0),
                assertion=said.assertion(start, end, plan=True),
                speaker=said.speaker,
                confidence=0.7,
                evidence=said.evidence(match.start(), end),
            )
        )
    return found


def _interval(text: str) -> tuple[str, re.Match[str]] | None:
    if match := _INTERVAL.search(text):
        n, unit = match["n"], match["u"]
        value = spoken_value(n) if n not in ("a", "an") else "1"
        words = value or n.replace("couple of", "couple").replace("a couple", "a couple")
        if value == "1":
            unit = unit.rstrip("s")
        elif not unit.endswith("s"):
            unit += "s"
        return f"{words} {unit}", match
    if match := _NEXT.search(text):
        return f"1 {match['u']}", match
    return None


def _follow_up(said: Said) -> FollowUp | None:
    follow = _FOLLOW.search(said.text)
    if follow is None:
        return None
    if said.asked and not _REQUEST.search(said.text[max(0, follow.start() - 40) : follow.start()]):
        return None  # a question, unless it asks the patient to come ("could you book…?")
    if _IF_NEAR.search(said.text[max(0, follow.start() - 30) : follow.start()]):
        return None  # "if it gets worse, come back" is a return precaution
    if _IF_NEAR.match(said.text, follow.end() + 1):
        return None  # and so is "come back if you're not better in a week"
    if with_whom := _FOLLOW_WITH.search(said.text):
        return FollowUp(
            text=with_whom.group(0),
            assertion=said.assertion(*with_whom.span()),
            speaker=said.speaker,
            confidence=0.6,
            evidence=said.evidence(*with_whom.span()),
        )
    found = _interval(said.text[max(0, follow.start() - 40) :])
    if found is not None:
        interval, match = found
        offset = max(0, follow.start() - 40)
        start = min(follow.start(), match.start() + offset)
        end = max(follow.end(), match.end() + offset)
    elif _AS_NEEDED.search(said.text[follow.end() : follow.end() + 30]):
        interval, start, end = "as needed", follow.start(), follow.end() + 30
    elif after := _FOLLOW_AFTER.search(said.text, follow.end(), follow.end() + 40):
        # "Follow up with me after the MRI": no interval, but a when.
        return FollowUp(
            text=after.group(0),
            assertion=said.assertion(*follow.span()),
            speaker=said.speaker,
            confidence=0.5,
            evidence=said.evidence(follow.start(), after.end()),
        )
    else:
        return None
    return FollowUp(
        interval=interval,
        assertion=said.assertion(follow.start(), follow.end()),
        speaker=said.speaker,
        confidence=0.7,
        evidence=said.evidence(start, min(end, len(said.text))),
    )


def _return_precaution(said: Said) -> ReturnPrecaution | None:
    if said.asked:
        return None
    # "Call if it is above 160 over 100, or if you have chest pain": every condition counts.
    found: list[re.Match[str]] = []
    for trigger in _TRIGGER.finditer(said.text):
        words = trigger["t"].split()
        if not words or len(words) > _TRIGGER_WORDS or _QUESTION_TRIGGER.search(trigger["t"]):
            continue
        if not (SYMPTOM_RE.search(trigger["t"]) or _WORSE.search(trigger["t"])):
            continue
        start, end = trigger.span()
        # Later conditions of the sentence share the first one's "call us".
        if found or _SEEK_CARE.search(said.text[max(0, start - 50) : end + 60]):
            found.append(trigger)
    if found:
        return ReturnPrecaution(
            trigger=", or ".join(trigger["t"].strip(" ,") for trigger in found),
            speaker=said.speaker,
            confidence=0.6,
            evidence=said.evidence(found[0].start(), found[-1].end()),
        )
    # "If you're more unwell, more breathless, or …, then call us": a long condition that
    # "then" closes; "your breathing is getting worse, then go to A and E" needs no "if".
    for then in _THEN_SEEK.finditer(said.text):
        lead = said.text[max(0, then.start() - 300) : then.start()]
        opening = list(_OPENS.finditer(lead))
        if not opening:
            continue
        condition = lead[opening[-1].end() :].strip(" ,")
        if not (SYMPTOM_RE.search(condition) or _WORSE.search(condition)):
            continue
        start = then.start() - len(lead) + opening[-1].end()
        return ReturnPrecaution(
            trigger=condition,
            speaker=said.speaker,
            confidence=0.5,
            evidence=said.evidence(start, then.end()),
        )
    return None


def plans(sentences: list[Said]) -> list[Order | FollowUp | ReturnPrecaution]:
    found: list[Order | FollowUp | ReturnPrecaution] = []
    ordered_before = False
    for said in sentences:
        if not said.by_clinician:
            continue
        if (call := _CALL_BACK.search(said.text)) and not said.asked:
            # "I'll call you with the results" is a follow-up (FACTS.md).
            found.append(
                FollowUp(
                    text="call with results",
                    assertion=said.assertion(*call.span()),
                    speaker=said.speaker,
                    confidence=0.6,
                    evidence=said.evidence(*call.span()),
                )
            )
        # "Do you do a peak flow at home?", "you're taking immunotherapy meds?" ask.
        orders = [] if said.asked else _orders(said, listing=ordered_before)
        ordered_before = bool(orders)
        found.extend(orders)
        if (follow := _follow_up(said)) is not None:
            found.append(follow)
        if (precaution := _return_precaution(said)) is not None:
            found.append(precaution)
    return found
