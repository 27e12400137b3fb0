"""English patterns: what a clinician or patient says, and the note sentence it becomes.

Patterns run on normalised text (contractions expanded, fillers removed); first match wins.
"""

from __future__ import annotations

import re

from murmur.engines.notes.statements import Kind, Rule, Swap, rule
from murmur.engines.notes.vocab import (
    CLINICAL_RE,
    DIAGNOSIS_RE,
    DURATION_RE,
    EXAM_RE,
    MED_RE,
    SYMPTOM_RE,
    TEST_RE,
)
from murmur.transcripts.domain import SpeakerRole

CLINICIAN = frozenset({SpeakerRole.CLINICIAN})
PATIENT = frozenset({SpeakerRole.PATIENT})

LEAD = r"^(?:(?:so|and|now|then|also|next|first|today|here)\s+)*"
INTENT = (
    r"(?:(?:i am|we are) going to|i will|we will|let us|i want to|i would like to|i would|"
    r"we can|we should|we need to|i need to|i think we should|we will want to|i am)\s+"
    r"(?:go ahead and\s+|also\s+)?"
)
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred)\b",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(r"^(?:i|you|we|he|she|they|my|your|that|not|no|what|how)\b", re.I)
_EXAM_COMMAND = re.compile(
    r"^(?:take a (?:deep )?breath|breathe|open|say|lie|lay|sit|hop|look|follow my|squeeze|"
    r"push|pull|relax|stand|turn|bend|cough for me|point|show me|come in|go ahead|tell me|"
    r"get undressed|put on|walk)",
    re.IGNORECASE,
)
_EXAM_STATE = re.compile(
    EXAM_RE.pattern + r"|\b(?:good|fine|okay|unremarkable|healthy|strong|regular|irregular|"
    r"swollen|inflamed|warm|abnormal|enlarged|bulging|dull|intact|soft|firm)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:going to|will|would|should|might)\b", re.IGNORECASE)
_REFERRAL = re.compile(
    r"ologist|specialist|therap|surgeon|clinic|ologi|orthop|counsel|dietitian|nutrition|"
    r"podiatr|\bent\b|physical",
    re.IGNORECASE,
)
_FEELING = re.compile(
    CLINICAL_RE.pattern + r"|\b(?:good|better|worse|fine|well|okay|great|terrible|awful|"
    r"nauseous|dizzy|anxious|depressed|down|off|run down|exhausted|lousy)\b",
    re.IGNORECASE,
)
_CLINICAL = re.compile(CLINICAL_RE.pattern + "|" + DURATION_RE.pattern, re.IGNORECASE)
_NO_VERB_LIST = re.compile(
    r"\b(?:i|my|me|it|is|was|have|has|do|did|not|but|if|when|that|they|you)\b", re.I
)
_VITAL = (
    r"temperature|temp|fever|blood pressure|bp|heart rate|pulse|oxygen(?: saturation| level| "
    r"sat)?|o2(?: sat\w*)?|pulse ox\w*|sats?|saturation|respiratory rate|weight|bmi"
)
_RESULT = (
    r"(?:chest |rapid )?x-?rays?|x ray|ekg|ecg|echo\w*|labs?|lab work|blood ?work|blood tests?|"
    r"(?:hemoglobin )?a1c|(?:rapid )?(?:strep|flu|covid)(?: test| swab)?|urine(?: test| sample)?|"
    r"urinalysis|ultrasound|mri|ct(?: scan)?|cat scan|cholesterol|lipid panel|results?|tests?|"
    r"cultures?|swab"
)
_PART = (
    r"lungs?|heart|throat|tonsils|ears?|ear ?drums?|abdomen|belly|stomach|skin|lymph nodes|glands|"
    r"neck|chest|nose|sinuses|eyes?|pupils|knees?|ankles?|wrists?|shoulders?|back|spine|joints?|"
    r"feet|foot|legs?|arms?|reflexes|rhythm|breath sounds|incision|wound|rash|range of motion"
)
_HEDGES = {
    "probably": "likely", "likely": "likely", "most likely": "likely", "possibly": "possible",
    "maybe": "possible", "might be": "possible", "could be": "possible",
}  # fmt: skip
_VERBS_PAST = {
    "increase": "Increased", "decrease": "Decreased", "lower": "Lowered", "raise": "Raised",
    "bump up": "Increased", "adjust": "Adjusted", "change": "Changed", "stop": "Stopped",
    "discontinue": "Discontinued", "hold": "Held", "refill": "Refilled", "switch": "Switched",
}  # fmt: skip
_ASSESS_LEAD = (
    LEAD + r"(?:i think|i believe|i suspect|i am (?:pretty )?sure|it (?:sounds|looks|seems) "
    r"like|this (?:is|looks like|sounds like|seems like)|my (?:impression|diagnosis|assessment) "
    r"is|the diagnosis is|what you have is|it is|you have|you have got)(?: that)?\s+"
    r"(?:this is |it is |you have |you have got |you are dealing with |we are dealing with |"
    r"what you have is |this looks like |it looks like |it sounds like |you )?"
)

S, O, A, P = Kind.SUBJECTIVE, Kind.OBJECTIVE, Kind.ASSESSMENT, Kind.PLAN
BOTH = CLINICIAN | PATIENT
_PERSON = re.compile(r"\b(?:you|your|i|my)\b", re.IGNORECASE)

CLINICIAN_RULES: tuple[Rule, ...] = (
    # Dictated third-person history ("andrew is a 59-year-old male who presents with ...").
    rule(
        r"^(?P<x>.*\b(?:year[- ]old|presents (?:today )?(?:with|for)|past medical history)\b.*)$",
        S,
        "{x}",
        CLINICIAN,
        tags={"history"},
        rejects=_PERSON,
    ),
    rule(
        r"^(?:you have|you have got|you have had|you had)\s+(?:a\s+)?(?:past |prior |known )?"
        r"(?:medical\s+)?history of\s+(?P<x>.+)$",
        S,
        "History of {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"history"},
    ),
    rule(
        LEAD + rf"(?:{INTENT})?(?:prescribe|prescribing|write (?:you )?(?:a prescription|a "
        r"script) for|send in (?:a prescription |a script )?(?:for )?|call in|start you on|"
        r"put you on|starting you on|putting you on|give you a (?:prescription|script) for)\s+"
        r"(?:you\s+)?(?P<x>.+)$",
        P,
        "Prescribed {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"medication", "prescription"},
    ),
    rule(
        LEAD + rf"(?:{INTENT})give you\s+(?P<x>.+)$",
        P,
        "Provided {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"medication"},
        requires=MED_RE,
    ),
    rule(
        r"^(?:hey,? \w+,?\s+)?order\s+(?P<x>.+)$", P, "Ordered {x}", CLINICIAN, swap=Swap.CLINICIAN
    ),
    rule(
        LEAD + rf"(?:{INTENT})?(?:order|get|obtain|run|draw|schedule|send (?:off|out|you for|"
        r"you to get)|set you up (?:for|with)|do|check)\s+(?:you\s+)?(?:for\s+)?(?P<x>.+)$",
        P,
        "Ordered {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"test"},
        requires=TEST_RE,
    ),
    rule(
        LEAD + rf"(?:{INTENT})?(?:refer you|send you|get you in|have you see|have you follow "
        r"up with)\s+(?:back\s+)?(?:to\s+)?(?:see\s+)?(?P<x>.+)$",
        P,
        "Referred to {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"referral"},
        requires=_REFERRAL,
    ),
    rule(
        LEAD + rf"(?:{INTENT})?continue\s+(?:you on\s+|on\s+|with\s+)?(?P<x>.+)$",
        P,
        "Continue {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
    ),
    rule(
        LEAD + rf"(?:{INTENT})?(?P<verb>increase|decrease|lower|raise|bump up|adjust|change|"
        r"stop|discontinue|hold|refill|switch)\s+(?:you\s+)?(?:on\s+)?(?P<x>.+)$",
        P,
        "{verb} {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"medication"},
        requires=MED_RE,
        maps={"verb": _VERBS_PAST},
    ),
    rule(
        r"^.*?\b(?:come back|follow up|follow-up|see you(?: back| again)?|return|recheck|"
        r"check back|touch base|check in)\b.*?\b(?P<x>in (?:about |around |approximately |"
        r"another )?(?:\d+|a|an|one|two|three|four|five|six|eight|ten|twelve|a few|a couple "
        r"of|a couple)\s+(?:to \w+\s+)?(?:days?|weeks?|months?|years?))\b.*$",
        P,
        "Follow up {x}",
        CLINICIAN,
        tags={"followup"},
    ),
    rule(
        r"^.*?\b(?:come back|call|return|go to the (?:er|emergency room)|let me know)\b[^,]*?"
        r"\b(?:if|should)\s+(?P<x>.+)$",
        P,
        "Advised to seek care if {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"followup"},
        requires=CLINICAL_RE,
    ),
    rule(
        LEAD + r"(?:i recommend|i would recommend|i suggest|i would suggest|my "
        r"recommendation is)(?: that)?\s+(?P<x>.+)$",
        P,
        "Recommended {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
    ),
    rule(
        LEAD + r"(?:i want you to|i would like you to|you should|you need to|you will need "
        r"to|make sure (?:that )?you|try to|be sure to|please|it is important (?:that you|to)|"
        r"you have to|i need you to)\s+(?P<x>.+)$",
        P,
        "Advised to {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        rejects=_EXAM_COMMAND,
    ),
    rule(
        LEAD + r"(?:you can|you could|you may|feel free to)\s+(?P<x>(?:take|use|try|"
        r"alternate)\b.+)$",
        P,
        "May {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"medication"},
        requires=MED_RE,
    ),
    rule(
        LEAD + r"(?P<x>take\s+.+)$",
        P,
        "Instructed to {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"medication"},
        requires=MED_RE,
    ),
    rule(
        _ASSESS_LEAD + r"(?P<h>most likely|probably|likely|possibly|maybe|might be|could be)"
        r"\s+(?:just\s+|have\s+|be\s+)?(?:an?\s+|the\s+|some\s+)?(?P<x>.+)$",
        A,
        "Assessment: {h} {x}",
        CLINICIAN,
        tags={"diagnosis", "uncertain"},
        requires=DIAGNOSIS_RE,
        rejects=_PRONOUN_START,
        maps={"h": _HEDGES},
    ),
    rule(
        _ASSESS_LEAD + r"(?:just\s+)?(?:an?\s+|the\s+|some\s+)?(?P<x>.+)$",
        A,
        "Assessment consistent with {x}",
        CLINICIAN,
        tags={"diagnosis"},
        requires=DIAGNOSIS_RE,
        rejects=_PRONOUN_START,
    ),
    rule(
        rf"^.*?\b(?P<x>(?:{_VITAL})\b.*)$",
        O,
        "{x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"vital"},
        requires=NUMBER,
        rejects=_FUTURE,
    ),
    rule(
        rf"^.*?\b(?P<x>(?:{_RESULT})\s+(?:shows?|showed|was|were|is|are|came back|looks?|"
        r"looked|revealed|demonstrated)\b.+)$",
        O,
        "{x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"result"},
        rejects=_FUTURE,
    ),
    rule(
        LEAD + r"(?:on (?:your |physical )?exam\w*,?\s+)?i (?:do not|did not)\s+(?:hear|see|"
        r"feel|notice|appreciate|note|detect|find)\s+(?:any\s+)?(?P<x>.+)$",
        O,
        "No {x} noted on exam",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam", "negative"},
        requires=EXAM_RE,
        rejects=_PRONOUN_START,
    ),
    rule(
        LEAD + r"(?:on (?:your |physical )?exam\w*,?\s+)?i (?:hear|see|feel|notice|"
        r"appreciate|note|detect|find)\s+(?:some\s+|an?\s+)?(?P<x>.+)$",
        O,
        "{x} noted on exam",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam"},
        requires=EXAM_RE,
        rejects=_PRONOUN_START,
    ),
    rule(
        r"^.*?\bthere (?:is|are)\s+no\s+(?P<x>.+)$",
        O,
        "No {x} noted on exam",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam", "negative"},
        requires=EXAM_RE,
    ),
    rule(
        r"^.*?\bthere (?:is|are)\s+(?:some\s+|an?\s+)?(?P<x>.+)$",
        O,
        "{x} noted on exam",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam"},
        requires=EXAM_RE,
    ),
    rule(
        r"^.*?\bon (?:your |physical )?exam\w*,?\s+(?P<x>.+)$",
        O,
        "On exam, {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam"},
        requires=_EXAM_STATE,
    ),
    rule(
        rf"^.*?\b(?P<x>(?:{_PART})\s+(?:sounds?|looks?|feels?|seems?|appears?|is|are)\b.+)$",
        O,
        "{x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam"},
        requires=_EXAM_STATE,
        rejects=_FUTURE,
    ),
    rule(
        r"^you do not have any\s+(?P<x>.+)$",
        O,
        "No {x} noted on exam",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"exam", "negative"},
        requires=EXAM_RE,
    ),
    rule(
        LEAD + r"(?:the patient |patient |he |she )?(?P<v>denies|denied|endorses|reports|"
        r"complains of)\s+(?P<x>.+)$",
        S,
        "Patient {v} {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
    ),
    rule(
        LEAD + r"(?:you mentioned|you said|you told me|you are telling me)(?: that)?\s+"
        r"(?P<x>.+)$",
        S,
        "Patient reports that {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        requires=_CLINICAL,
    ),
    rule(
        LEAD + r"you do not have\s+(?:any\s+)?(?P<x>.+)$",
        S,
        "Patient denies {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        tags={"negative"},
        requires=SYMPTOM_RE,
    ),
    rule(
        LEAD + r"you are\s+(?:also\s+|still\s+)?(?P<x>(?!going\b)\w+(?<!ing)\b.*)$",
        S,
        "Patient reports being {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        requires=SYMPTOM_RE,
    ),
    rule(
        LEAD + r"(?:you have been having|you have been|you have had|you had|you are having|"
        r"you have noticed|you noticed|you are experiencing|you endorsed|you reported|you "
        r"described|you complained of|you are|you have|you get|you got)\s+(?:also\s+|still\s+)?"
        r"(?P<x>.+)$",
        S,
        "Patient reports {x}",
        CLINICIAN,
        swap=Swap.CLINICIAN,
        requires=SYMPTOM_RE,
    ),
)

PATIENT_RULES: tuple[Rule, ...] = (
    rule(
        r"^.*?\b(?:i am|i have been|i have an?|i have)\s+(?:allergic|an allergy|allergy|"
        r"allergies)\s+to\s+(?P<x>.+)$",
        S,
        "Patient reports an allergy to {x}",
        PATIENT,
        swap=Swap.PATIENT,
        tags={"allergy"},
    ),
    rule(
        r"^(?:no,?\s+)?i (?:have not|did not|do not) been\s+(?P<x>\w+ing\b.*)$",
        S,
        "Patient reports not {x}",
        PATIENT,
        swap=Swap.PATIENT,
        tags={"negative"},
        requires=_CLINICAL,
    ),
    rule(
        r"^(?:no,?\s+)?i (?:do not|have not|did not|never|have never)\s+(?:really\s+|ever\s+)?"
        r"(?:have|had|get|got|gotten|notice|noticed|feel|felt|experience|experienced|been "
        r"having|been getting|been feeling)\s+(?:any\s+|an?\s+)?(?P<x>(?!my\b|their\b).+)$",
        S,
        "Patient denies {x}",
        PATIENT,
        swap=Swap.PATIENT,
        tags={"negative"},
        requires=_CLINICAL,
    ),
    rule(
        r"^(?:no|nope)[,.]?\s+(?:no\s+)?(?P<x>[\w\s,'-]+)$",
        S,
        "Patient denies {x}",
        PATIENT,
        tags={"negative"},
        requires=SYMPTOM_RE,
        rejects=_NO_VERB_LIST,
        maps={"x": {", no ": ", ", " no ": " "}},
    ),
    rule(
        r"^i have no\s+(?P<x>.+)$",
        S,
        "Patient reports no {x}",
        PATIENT,
        swap=Swap.PATIENT,
        tags={"negative"},
        requires=_CLINICAL,
    ),
    rule(
        r"^i (?:have|am)\s+(?:also\s+|just\s+|really\s+|still\s+)?been\s+(?P<x>(?:taking|"
        r"using)\b.+)$",
        S,
        "Patient reports {x}",
        PATIENT,
        swap=Swap.PATIENT,
        tags={"medication"},
        requires=MED_RE,
    ),
    rule(
        r"^i (?:have|am)\s+(?:also\s+|just\s+|really\s+|still\s+)?been\s+(?P<x>\w+ing\b.*)$",
        S,
        "Patient reports {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^i (?:have\s+)?(?:also\s+|just\s+|really\s+)?(?:had|got|gotten|noticed|developed|"
        r"experienced)\s+(?P<x>.+)$",
        S,
        "Patient reports {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^i am\s+(?:also\s+|still\s+|really\s+)?(?:having|getting|experiencing)\s+(?P<x>.+)$",
        S,
        "Patient reports {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^i (?:am\s+)?(?:also\s+|still\s+)?(?:feel|feeling|felt)\s+(?P<x>.+)$",
        S,
        "Patient reports feeling {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_FEELING,
    ),
    rule(
        r"^i (?:am\s+)?(?:also\s+|still\s+)?(?:take|taking|on|use|using)\s+(?P<x>.+)$",
        S,
        "Patient reports taking {x}",
        PATIENT,
        swap=Swap.PATIENT,
        tags={"medication"},
        requires=MED_RE,
    ),
    rule(
        r"^i (?:also\s+|still\s+)?have\s+(?P<x>(?!to\b|been\b|not\b).+)$",
        S,
        "Patient reports {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^i (?:think|believe|guess)(?: that)?\s+i\s+(?P<x>.+)$",
        S,
        "Patient believes they {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^my\s+(?P<x>.+)$",
        S,
        "Patient reports that their {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^(?P<x>.*\b(?:i|my|me)\b.*)$",
        S,
        "Patient reports that {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
    rule(
        r"^(?P<x>(?:it|the \w+|this|that)\s+(?:is|was|has been|started|began|gets|got|comes|"
        r"goes|hurts|feels|happens|happened)\b.+)$",
        S,
        "Patient reports that {x}",
        PATIENT,
        swap=Swap.PATIENT,
        requires=_CLINICAL,
    ),
)
