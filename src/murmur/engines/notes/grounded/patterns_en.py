"""Building blocks of the English rules: phrase alternations and content tests."""

from __future__ import annotations

import re

from murmur.language.clinical_words import CLINICAL_RE, DURATION_RE, EXAM_RE, MED_RE
from murmur.transcripts.domain import SpeakerRole

CLINICIAN = frozenset({SpeakerRole.CLINICIAN})
PATIENT = frozenset({SpeakerRole.PATIENT})

LEAD = r"^(?:(?:so|and|now|then|also|next|first|today|here|lastly|finally|secondly)[\s,]+)*"
ADV = r"(?:(?:also|still|just|really|so|very|actually|kind of|kinda|always|definitely)\s+)*"
INTENT = (
    r"(?:(?:i am|we are) going to|i will|we will|let us|i (?:do )?want to|i would like to|i would|"
    r"we can|we should|we need to|i need to|i think we should|we will want to|i am)\s+"
    r"(?:go ahead and\s+|also\s+)?"
)
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred)\b",
    re.IGNORECASE,
)
PRONOUN_START = re.compile(r"^(?:i|you|we|he|she|they|my|your|that|not|no|what|how)\b", re.I)
EXAM_COMMAND = re.compile(
    r"^(?:take a (?:deep )?breath|breathe|open|say|lie|lay|sit|hop|look|follow my|squeeze|"
    r"push|pull|relax|stand|turn|bend|cough for me|point|show me|come in|go ahead|tell me|"
    r"get undressed|put on|take off|walk)",
    re.IGNORECASE,
)
EXAM_STATE = re.compile(
    EXAM_RE.pattern + r"|\b(?:good|fine|okay|unremarkable|healthy|strong|regular|irregular|"
    r"swollen|inflamed|warm|abnormal|enlarged|bulging|dull|intact|soft|firm)\b",
    re.IGNORECASE,
)
FUTURE = re.compile(r"\b(?:going to|will|would|should|might)\b", re.IGNORECASE)
REFERRAL = re.compile(
    r"ologist|specialist|therap|surgeon|clinic|ologi|orthop|counsel|dietitian|nutrition|"
    r"podiatr|\bent\b|physical|doctor|\bdr\b",
    re.IGNORECASE,
)
FEELING = re.compile(
    CLINICAL_RE.pattern + r"|\b(?:good|better|worse|fine|well|okay|great|terrible|awful|"
    r"nauseous|dizzy|anxious|depressed|down|off|run down|exhausted|lousy)\b",
    re.IGNORECASE,
)
CLINICAL = re.compile(
    "|".join((CLINICAL_RE.pattern, DURATION_RE.pattern, MED_RE.pattern)), re.IGNORECASE
)
NO_VERB_LIST = re.compile(
    r"\b(?:i|my|me|it|is|was|have|has|do|did|not|but|if|when|that|they|you)\b", re.I
)
VITAL = (
    r"temperature|temp|fever|blood pressure|bp|heart rate|pulse|oxygen(?: saturation| level| "
    r"sat)?|o2(?: sat\w*)?|pulse ox\w*|sats?|saturation|respiratory rate|weight|bmi"
)
RESULT = (
    r"(?:chest |rapid )?x-?rays?|x ray|ekg|ecg|echo\w*|labs?|lab work|blood ?work|blood tests?|"
    r"(?:hemoglobin )?a1c|(?:rapid )?(?:strep|flu|covid)(?: test| swab)?|urine(?: test| sample)?|"
    r"urinalysis|ultrasound|mri|ct(?: scan)?|cat scan|cholesterol|lipid panel|results?|tests?|"
    r"cultures?|swab|potassium|sodium|creatinine|kidney function|liver function|glucose|"
    r"hemoglobin|ldl(?: cholesterol)?|hdl(?: cholesterol)?|triglycerides|tsh|vitamin d|psa"
)
PART = (
    r"lungs?|heart|throat|tonsils|ears?|ear ?drums?|abdomen|belly|stomach|skin|lymph nodes|glands|"
    r"neck|chest|nose|sinuses|eyes?|pupils|knees?|ankles?|wrists?|shoulders?|back|spine|joints?|"
    r"feet|foot|legs?|arms?|reflexes|rhythm|breath sounds|incision|wound|rash|range of motion|"
    r"pulses|sensation"
)
HEDGES = {
    "probably": "likely", "likely": "likely", "most likely": "likely", "possibly": "possible",
    "maybe": "possible", "might be": "possible", "could be": "possible",
}  # fmt: skip
VERBS_PAST = {
    "increase": "Increased", "decrease": "Decreased", "lower": "Lowered", "raise": "Raised",
    "bump up": "Increased", "adjust": "Adjusted", "change": "Changed", "stop": "Stopped",
    "discontinue": "Discontinued", "hold": "Held", "refill": "Refilled", "switch": "Switched",
}  # fmt: skip
ASSESS_LEAD = (
    LEAD + r"(?:i think|i believe|i suspect|i am (?:pretty )?sure|it (?:sounds|looks|seems) "
    r"like|this (?:is|looks like|sounds like|seems like)|my (?:impression|diagnosis|assessment) "
    r"is|the diagnosis is|what you have is|it is|you have|you have got)(?: that)?\s+"
    r"(?:this is |it is |you have |you have got |you are dealing with |we are dealing with |"
    r"what you have is |this looks like |it looks like |it sounds like |you )?"
)
PERSON = re.compile(r"\b(?:you|your|i|my)\b", re.IGNORECASE)
SUBJECT_START = re.compile(r"^(?:i|we|my|our|it|the|this|that|there)\b", re.IGNORECASE)
