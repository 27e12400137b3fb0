"""Word lists the grounded note writer uses to tell clinical talk from conversation.

Lists are "|"-separated: stems match word starts, words match whole words (plural allowed).
"""

from __future__ import annotations

import re

_SYMPTOM_STEMS = (
    "pain|ache|aching|hurt|sore|cough|fever|chill|sweat|nause|vomit|throw up|threw up|diarrh|"
    "constipat|headache|migraine|dizz|lighthead|tired|fatigue|exhaust|weak|short of breath|"
    "shortness|breath|wheez|congest|stuffy|runny|sneez|rash|itch|swell|swollen|bleed|bloody|"
    "urinat|burning|numb|tingl|cramp|stiff|phlegm|mucus|sputum|winded|palpitat|pounding|faint|"
    "pass out|passed out|blurr|appetite|insomnia|anxi|depress|stress|panic|bloat|heartburn|"
    "reflux|indigestion|discharge|bruis|injur|sprain|spasm|tender|infection|symptom|flare|"
    "seizure|allerg"
)
# Short everyday words would match inside unrelated ones ("ear" in "early"), so whole words.
_SYMPTOM_WORDS = (
    "ill|hot|warm|cold|fell|fall|sick|flu|pee|blood|weight|sleep|mood|vision|hearing|lump|"
    "twisted|worse"
)
_BODY_WORDS = (
    "throat|chest|stomach|belly|abdomen|knee|elbow|shoulder|head|ear|eye|nose|sinus|sinuses|"
    "neck|hip|ankle|wrist|hand|foot|feet|leg|arm|joint|muscle|skin|lung|heart|bladder|kidney|"
    "bowel|tooth|teeth|mouth|tongue|toe|finger|spine|lower back|upper back|back pain"
)
_HISTORY_STEMS = (
    "medic|prescri|diabet|glucose|cholesterol|asthma|surgery|smok|cigarette|alcohol|vaccin|"
    "pregnan|menstru|diagnos|temperature|x-ray|xray|insulin|antibiotic|ibuprofen|tylenol|"
    "advil|motrin|aspirin|acetaminophen|covid|pneumonia|bronchitis|hypertension|arthritis|"
    "cancer|thyroid|physical therapy"
)
_HISTORY_WORDS = (
    "pill|tablet|capsule|inhaler|cream|ointment|drops|mg|milligram|dose|sugar|pressure|"
    "operation|hospital|vape|drink|drinking|shot|period|history|test|lab|labs|a1c|exercise|"
    "diet|virus|strep|therapy|walk|walking|running|jogging|eating|workout|working out|gym"
)
_DRUG_SUFFIXES = (
    "cillin|mycin|micin|pril|sartan|olol|statin|formin|azole|prazole|tidine|azepam|zolam|"
    "oxetine|aline|pram|codone|sone|olone|cycline|floxacin|vir|dipine|thiazide|semide|gliptin|"
    "glutide|terol|asone|profen|phen|zine|lukast|ipine"
)
_MED_WORDS = (
    "medication|medicine|meds|pill|tablet|capsule|inhaler|cream|ointment|drops|spray|"
    "antibiotic|antibiotics|steroid|insulin|mg|milligram|milligrams|prescription|script|refill|"
    "dose|dosage|lisinopril|metformin|albuterol|amoxicillin|prozac|norvasc|tylenol|ibuprofen|"
    "advil|motrin|aspirin|robitussin|zyrtec|claritin|flonase|benadryl|prednisone|vitamin|"
    "supplement|injection|shot|patch"
)
_TEST_WORDS = (
    "x-ray|xray|x ray|labs|lab work|bloodwork|blood work|blood test|test|panel|a1c|cbc|cmp|"
    "bmp|tsh|culture|swab|ultrasound|mri|ct|cat scan|scan|ekg|ecg|echo|echocardiogram|"
    "urinalysis|urine|stress test|biopsy|colonoscopy|mammogram|screening|imaging|sample|"
    "workup|work up"
)
_EXAM_STEMS = (
    "wheez|crackl|rale|rhonch|murmur|swelling|swollen|edema|redness|tender|lesion|effusion|"
    "bruis|exudate|breath sounds|inflam|erythem|range of motion|palpation|drainage|discharge|"
    "irritat|gallop|distension|distention|fractur|dislocat|infiltrat|consolidat|arthritis|"
    "abnormal|unremarkable"
)
_EXAM_WORDS = "red|mass|lump|rash|fluid|node|pus|clear|normal|bump"
_DIAGNOSIS_HINTS = (
    "itis|osis|emia|pathy|infection|virus|viral|bacterial|syndrome|disease|disorder|strain|"
    "sprain|fracture|cold|flu|influenza|covid|allerg|reflux|hypertension|high blood pressure|"
    "diabetes|asthma|pneumonia|migraine|anxiety|depression|gout|eczema|uti|ulcer|hernia|tear|"
    "copd|cancer|insomnia|obesity|hyperlipidemia|cholesterol|arthritis|strep|concussion|"
    "vertigo|gerd|ibs|apnea|hypothyroidism|anemia|fibrillation|hemorrhoid|contusion|psoriasis|"
    "acne|shingles|herpes|neuropathy|sciatica|tendin|plantar|carpal tunnel|kidney stone|"
    "failure|insufficiency|regurgitation|fibroid|nodule|polyp|lupus|dementia|cyst|wart|lipoma|"
    "ganglion|hernia|bite|burn|laceration|stye"
)
_SPANISH_CLINICAL = (
    "dolor|duele|tos|fiebre|escalofr|náusea|vómito|diarrea|cabeza|garganta|pecho|estómago|"
    "espalda|mareo|cansad|fatiga|falta de aire|respirar|alerg|medic|pastilla|presión|azúcar|"
    "diabetes|días|semanas|meses|desde|tomo|tomando|sangre|orina|infección|gripe|resfriado|"
    "congest|mocos|flema|hinchaz|picazón|sarpullido|ardor"
)
_DURATION = (
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple(?: of)?)\s+"
    r"(?:days?|weeks?|months?|years?|hours?)\b|\bsince\b|\byesterday\b|\blast night\b"
)


def _alternatives(words: str) -> str:
    ordered = sorted(words.split("|"), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


def _words(words: str) -> str:
    return rf"\b(?:{_alternatives(words)})(?:s|es)?\b"


def _stems(stems: str) -> str:
    return rf"\b(?:{_alternatives(stems)})"


def _compile(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


SYMPTOM_RE = _compile(_stems(_SYMPTOM_STEMS), _words(_SYMPTOM_WORDS))
CLINICAL_RE = _compile(
    _stems(_SYMPTOM_STEMS),
    _stems(_HISTORY_STEMS),
    _words(_SYMPTOM_WORDS),
    _words(_BODY_WORDS),
    _words(_HISTORY_WORDS),
)
DURATION_RE = _compile(_DURATION)
MED_RE = _compile(_words(_MED_WORDS), rf"\b\w+(?:{_alternatives(_DRUG_SUFFIXES)})\b")
TEST_RE = _compile(_words(_TEST_WORDS))
EXAM_RE = _compile(_stems(_EXAM_STEMS), _words(_EXAM_WORDS))
DIAGNOSIS_RE = _compile(rf"\b\w*(?:{_alternatives(_DIAGNOSIS_HINTS)})\w*")
SPANISH_CLINICAL_RE = _compile(_stems(_SPANISH_CLINICAL))


def is_clinical(text: str, language: str = "english") -> bool:
    if language == "spanish" and SPANISH_CLINICAL_RE.search(text):
        return True
    return bool(CLINICAL_RE.search(text) or DURATION_RE.search(text) or MED_RE.search(text))
