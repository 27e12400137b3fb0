"""English rules: what a clinician or patient says, and the note sentence it becomes.

Rules run on normalised clauses (contractions expanded, fillers removed); first match wins.
"""

from __future__ import annotations

import re

from murmur.engines.notes.grounded.patterns_en import (
    ADV,
    ASSESS_LEAD,
    CLINICAL,
    CLINICIAN,
    EXAM_COMMAND,
    EXAM_STATE,
    FEELING,
    FUTURE,
    HEDGES,
    INTENT,
    LEAD,
    NO_VERB_LIST,
    NUMBER,
    PART,
    PATIENT,
    PERSON,
    PRONOUN_START,
    REFERRAL,
    RESULT,
    VERBS_PAST,
    VITAL,
)
from murmur.language.clinical_words import DIAGNOSIS_RE, EXAM_RE, MED_RE, SYMPTOM_RE, TEST_RE
from murmur.language.statements import Kind, Rule, Swap, rule

SUBJ, OBJ, ASSESS, PLAN = Kind.SUBJECTIVE, Kind.OBJECTIVE, Kind.ASSESSMENT, Kind.PLAN
CLIN, PAT = Swap.CLINICIAN, Swap.PATIENT
_EXAM_LEAD = LEAD + r"(?:on (?:your |physical )?exam\w*,?\s+|[\w\s]{1,30},\s+)?i "
_SEE = r"(?:do\s+|can\s+)?(?:still\s+)?(?:hear|see|feel|notice|appreciate|note|detect|find)\s+"
_PROBLEM = re.compile(DIAGNOSIS_RE.pattern + "|" + SYMPTOM_RE.pattern, re.IGNORECASE)

# fmt: off
CLINICIAN_RULES: tuple[Rule, ...] = (
    # Dictated third-person history ("andrew is a 59-year-old male who presents with ...").
    rule(r"^(?P<x>.*\b(?:year[- ]old|presents (?:today )?(?:with|for)|past medical history)\b.*)$",
         SUBJ, "{x}", CLINICIAN, tags={"history"}, rejects=PERSON),
    rule(r"^(?:you have|you have got|you have had|you had)\s+(?:a\s+)?(?:past |prior |known )?"
         r"(?:medical\s+)?history of\s+(?P<x>.+)$",
         SUBJ, "History of {x}", CLINICIAN, swap=CLIN, tags={"history"}),
    rule(LEAD + rf"(?:{INTENT})?(?:prescribe|prescribing|write (?:you )?(?:a prescription|a "
         r"script) for|send in (?:a prescription |a script )?(?:for )?|call in|start you on|"
         r"put you on|starting you on|putting you on|give you a (?:prescription|script) for)\s+"
         r"(?:you\s+)?(?P<x>.+)$",
         PLAN, "Prescribed {x}", CLINICIAN, swap=CLIN, tags={"medication", "prescription"}),
    rule(LEAD + rf"(?:{INTENT})give you\s+(?P<x>.+)$",
         PLAN, "Provided {x}", CLINICIAN, swap=CLIN, tags={"medication"}, requires=MED_RE),
    # Dictation to a voice assistant: "dragon, order a refill of prozac".
    rule(r"^(?:\w+,\s+)?order\s+(?P<x>.+)$", PLAN, "Ordered {x}", CLINICIAN, swap=CLIN),
    rule(LEAD + rf"(?:{INTENT})?(?:order|get|obtain|run|draw|schedule|send (?:off|out|you for|"
         r"you to get)|set you up (?:for|with)|do|check)\s+(?:you\s+)?(?:for\s+)?(?P<x>.+)$",
         PLAN, "Ordered {x}", CLINICIAN, swap=CLIN, tags={"test"}, requires=TEST_RE),
    rule(LEAD + rf"(?:{INTENT})?(?:refer you|send you|get you in|have you see|have you follow "
         r"up with)\s+(?:back\s+)?(?:to\s+)?(?:see\s+)?(?P<x>.+)$",
         PLAN, "Referred to {x}", CLINICIAN, swap=CLIN, tags={"referral"}, requires=REFERRAL),
    rule(LEAD + rf"(?:{INTENT})?continue\s+(?:you on\s+|on\s+|with\s+)?(?P<x>.+)$",
         PLAN, "Continue {x}", CLINICIAN, swap=CLIN),
    rule(LEAD + rf"(?:{INTENT})?(?P<verb>increase|decrease|lower|raise|bump up|adjust|change|"
         r"stop|discontinue|hold|refill|switch)\s+(?:you\s+)?(?:on\s+)?(?P<x>.+)$",
         PLAN, "{verb} {x}", CLINICIAN, swap=CLIN, tags={"medication"}, requires=MED_RE,
         maps={"verb": VERBS_PAST}),
    rule(r"^.*?\b(?:come back|follow up|follow-up|see you(?: back| again)?|return|recheck|"
         r"check back|touch base|check in)\b.*?\b(?P<x>in (?:about |around |approximately |"
         r"another )?(?:\d+|a|an|one|two|three|four|five|six|eight|ten|twelve|a few|a couple "
         r"of|a couple)\s+(?:to \w+\s+)?(?:days?|weeks?|months?|years?))\b.*$",
         PLAN, "Follow up {x}", CLINICIAN, tags={"followup"}),
    rule(r"^.*?\b(?:come back|call|return|go to the (?:er|emergency room)|let me know)\b[^,]*?"
         r"\b(?:if|should)\s+(?P<x>.+)$",
         PLAN, "Advised to seek care if {x}", CLINICIAN, swap=CLIN, tags={"followup"},
         requires=CLINICAL),
    rule(r"^(?:if|should)\s+(?P<x>.+?),\s*(?:please\s+|then\s+)?(?:come back|call|return|go to "
         r"the (?:er|emergency room|urgent care)|let me know|see me|come see me|come in)\b.*$",
         PLAN, "Advised to seek care if {x}", CLINICIAN, swap=CLIN, tags={"followup"},
         requires=CLINICAL),
    rule(LEAD + r"(?:i recommend|i would recommend|i suggest|i would suggest|my "
         r"recommendation is)(?: that)?\s+(?P<x>.+)$",
         PLAN, "Recommended {x}", CLINICIAN, swap=CLIN),
    rule(LEAD + r"(?:i want you to|i would like you to|you should|you need to|you will need "
         r"to|make sure (?:that )?you|try to|be sure to|please|it is important (?:that you|to)|"
         r"you have to|i need you to)\s+(?P<x>.+)$",
         PLAN, "Advised to {x}", CLINICIAN, swap=CLIN, rejects=EXAM_COMMAND),
    rule(LEAD + r"(?:you can|you could|you may|feel free to)\s+(?P<x>(?:take|use|try|"
         r"alternate)\b.+)$",
         PLAN, "May {x}", CLINICIAN, swap=CLIN, tags={"medication"}, requires=MED_RE),
    rule(LEAD + r"(?P<x>(?:keep|try to|avoid|stay|drink|eat|rest|walk|exercise|check|cut "
         r"back|limit|elevate|ice|apply|use)\b.+)$",
         PLAN, "Advised to {x}", CLINICIAN, swap=CLIN, rejects=EXAM_COMMAND, strict=True),
    rule(LEAD + r"(?P<x>take\s+.+)$",
         PLAN, "Instructed to {x}", CLINICIAN, swap=CLIN, tags={"medication"}, requires=MED_RE),
    # Status of a known condition: "your hypertension is well controlled".
    rule(r"^.*?\b(?:your|the|his|her|their)\s+(?P<x>[\w\s'-]+?)\s+(?:is|are|has been|seems|"
         r"looks)\s+(?P<status>(?:(?:well|very|pretty|fairly|not|poorly|still|much|quite|"
         r"now)\s+)*(?:controlled|stable|under control|uncontrolled|improving|improved|worse|"
         r"worsening|better|at goal|well managed|resolved|elevated))\b.*$",
         ASSESS, "Assessment: {x}, {status}", CLINICIAN, tags={"diagnosis", "problem"},
         requires=DIAGNOSIS_RE, rejects=PRONOUN_START),
    # Problem-oriented wrap-up: "for your first problem, your depression, ...".
    rule(LEAD + r"(?:for|regarding|as for|in terms of|moving on to|with regards? to) (?:your|the) "
         r"(?:(?:first|second|third|next|last|other|final) )?(?:problem|issue|concern)?,?\s*"
         r"(?:is\s+|of\s+)?(?:for\s+(?:your|the)\s+)?(?:your\s+|the\s+)?(?P<x>[\w\s'-]+?)(?:,.*)?$",
         ASSESS, "Assessment: {x}", CLINICIAN, tags={"diagnosis", "problem"},
         requires=_PROBLEM, rejects=PRONOUN_START),
    rule(ASSESS_LEAD + r"(?P<h>most likely|probably|likely|possibly|maybe|might be|could be)"
         r"\s+(?:just\s+|have\s+|be\s+)?(?:an?\s+|the\s+|some\s+)?(?P<x>.+)$",
         ASSESS, "Assessment: {h} {x}", CLINICIAN, tags={"diagnosis", "uncertain"},
         requires=DIAGNOSIS_RE, rejects=PRONOUN_START, maps={"h": HEDGES}),
    rule(ASSESS_LEAD + r"(?:just\s+)?(?:an?\s+|the\s+|some\s+)?(?P<x>.+)$",
         ASSESS, "Assessment: {x}", CLINICIAN, tags={"diagnosis"},
         requires=DIAGNOSIS_RE, rejects=PRONOUN_START),
    rule(rf"^.*?\b(?P<x>(?:{VITAL})\b.*)$",
         OBJ, "{x}", CLINICIAN, swap=CLIN, tags={"vital"}, requires=NUMBER, rejects=FUTURE),
    rule(rf"^.*?\b(?P<x>(?:{RESULT})(?:\s+(?!(?:shows?|showed|was|were|is|are|came)\b)[\w-]+)"
         r"{0,3}?)(?:,?\s+which)?\s+(?P<rest>(?:shows?|showed|was|were|is|are|came back|looks?|"
         r"looked|revealed|demonstrated)\b.+)$",
         OBJ, "{x} {rest}", CLINICIAN, swap=CLIN, tags={"result"}, rejects=FUTURE),
    rule(_EXAM_LEAD + r"(?:do not|did not)\s+" + _SEE + r"(?:any\s+)?(?P<x>.+)$",
         OBJ, "On exam, no {x}", CLINICIAN, swap=CLIN, tags={"exam", "negative"},
         requires=EXAM_RE, rejects=PRONOUN_START),
    rule(_EXAM_LEAD + _SEE + r"(?:some\s+|an?\s+)?(?P<x>.+)$",
         OBJ, "On exam, {x}", CLINICIAN, swap=CLIN, tags={"exam"}, requires=EXAM_RE,
         rejects=PRONOUN_START),
    rule(r"^no\s+(?P<x>.+)$",
         OBJ, "On exam, no {x}", CLINICIAN, tags={"exam", "negative"}, requires=EXAM_RE,
         rejects=NO_VERB_LIST),
    rule(r"^.*?\blooking (?:here )?at (?:your |the )?(?P<t>(?:[\w-]+\s+){0,2}?(?:" + RESULT +
         r")),?\s+(?P<x>.+)$",
         OBJ, "{t}: {x}", CLINICIAN, swap=CLIN, tags={"result"}, requires=EXAM_RE),
    rule(r"^.*?\bthere (?:is|are)\s+no\s+(?P<x>.+)$",
         OBJ, "On exam, no {x}", CLINICIAN, swap=CLIN, tags={"exam", "negative"},
         requires=EXAM_RE),
    rule(r"^.*?\bthere (?:is|are)\s+(?:some\s+|an?\s+)?(?P<x>.+)$",
         OBJ, "On exam, {x}", CLINICIAN, swap=CLIN, tags={"exam"}, requires=EXAM_RE),
    rule(r"^.*?\bon (?:your |physical )?exam\w*,?\s+(?P<x>.+)$",
         OBJ, "On exam, {x}", CLINICIAN, swap=CLIN, tags={"exam"}, requires=EXAM_STATE),
    rule(rf"^.*?\b(?P<x>(?:{PART})\s+(?:sounds?|looks?|feels?|seems?|appears?|is|are)\b.+)$",
         OBJ, "{x}", CLINICIAN, swap=CLIN, tags={"exam"}, requires=EXAM_STATE, rejects=FUTURE),
    rule(r"^you (?:do )?have\s+(?:some\s+|an?\s+)?(?P<x>.+)$",
         OBJ, "On exam, {x}", CLINICIAN, swap=CLIN, tags={"exam"}, requires=EXAM_RE,
         rejects=PRONOUN_START),
    rule(r"^you do not have any\s+(?P<x>.+)$",
         OBJ, "On exam, no {x}", CLINICIAN, swap=CLIN, tags={"exam", "negative"},
         requires=EXAM_RE),
    rule(LEAD + r"(?:the patient |patient |he |she )?(?P<v>denies|denied|endorses|reports|"
         r"complains of)\s+(?P<x>.+)$",
         SUBJ, "The patient {v} {x}", CLINICIAN, swap=CLIN),
    rule(LEAD + r"(?:you mentioned|you said|you told me|you are telling me)(?: that)?\s+"
         r"(?P<x>.+)$",
         SUBJ, "The patient reports that {x}", CLINICIAN, swap=CLIN, requires=CLINICAL),
    rule(LEAD + r"you do not have\s+(?:any\s+)?(?P<x>.+)$",
         SUBJ, "The patient denies {x}", CLINICIAN, swap=CLIN, tags={"negative"},
         requires=SYMPTOM_RE),
    rule(LEAD + r"you are\s+(?:also\s+|still\s+)?(?P<x>(?!going\b)\w+(?<!ing)\b.*)$",
         SUBJ, "The patient reports being {x}", CLINICIAN, swap=CLIN, requires=SYMPTOM_RE),
    rule(LEAD + r"(?:i know |i see |i understand |i remember )?(?:that )?(?:we|i) (?:had |have )?"
         r"(?:placed|put|started) you on\s+(?P<x>.+)$",
         SUBJ, "The patient was started on {x}", CLINICIAN, swap=CLIN, tags={"medication"},
         requires=MED_RE),
    rule(LEAD + r"(?:i know |i see |i understand |i remember )?(?:that )?"
         r"(?:you have been having|you have been|you have had|you had|you are having|"
         r"you have noticed|you noticed|you are experiencing|you endorsed|you reported|you "
         r"described|you complained of|you are|you have|you get|you got)\s+(?:also\s+|still\s+)?"
         r"(?P<x>.+)$",
         SUBJ, "The patient reports {x}", CLINICIAN, swap=CLIN, requires=_PROBLEM),
)

PATIENT_RULES: tuple[Rule, ...] = (
    rule(r"^.*?\b(?:i am|i have been|i have an?|i have)\s+(?:allergic|an allergy|allergy|"
         r"allergies)\s+to\s+(?P<x>.+)$",
         SUBJ, "The patient reports an allergy to {x}", PATIENT, swap=PAT, tags={"allergy"}),
    rule(r"^(?:no,?\s+)?i (?:have not|did not|do not) been\s+(?P<x>\w+ing\b.*)$",
         SUBJ, "The patient reports not {x}", PATIENT, swap=PAT, tags={"negative"},
         requires=CLINICAL),
    rule(r"^(?:no,?\s+)?i (?:do not|have not|did not|never|have never)\s+(?:really\s+|ever\s+)?"
         r"(?:have|had|get|got|gotten|notice|noticed|feel|felt|experience|experienced|been "
         r"having|been getting|been feeling)\s+(?:any\s+|an?\s+)?(?P<x>(?!my\b|their\b).+)$",
         SUBJ, "The patient denies {x}", PATIENT, swap=PAT, tags={"negative"}, requires=CLINICAL),
    rule(r"^(?:no|nope)[,.]?\s+(?:no\s+)?(?P<x>[\w\s,'-]+)$",
         SUBJ, "The patient denies {x}", PATIENT, tags={"negative"}, requires=SYMPTOM_RE,
         rejects=NO_VERB_LIST),
    rule(r"^i have no\s+(?P<x>.+)$",
         SUBJ, "The patient reports no {x}", PATIENT, swap=PAT, tags={"negative"},
         requires=CLINICAL),
    rule(r"^i (?:have|am)\s+" + ADV + r"been\s+(?P<x>(?:taking|using)\b.+)$",
         SUBJ, "The patient reports {x}", PATIENT, swap=PAT, tags={"medication"}, requires=MED_RE),
    rule(r"^i (?:have|am)\s+" + ADV + r"been\s+(?P<x>\w+ing\b.*)$",
         SUBJ, "The patient reports {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^i (?:have\s+)?" + ADV + r"(?:had|got|gotten|noticed|developed|experienced)\s+"
         r"(?P<x>.+)$",
         SUBJ, "The patient reports {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^i " + ADV + r"(?:get|keep getting)\s+(?P<x>.+)$",
         SUBJ, "The patient reports that they get {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^i am\s+" + ADV + r"(?:having|getting|experiencing)\s+(?P<x>.+)$",
         SUBJ, "The patient reports {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^i (?:am\s+)?" + ADV + r"(?:feel|feeling|felt)\s+(?P<x>.+)$",
         SUBJ, "The patient reports feeling {x}", PATIENT, swap=PAT, requires=FEELING),
    rule(r"^i (?:am\s+)?" + ADV + r"(?:take|taking|on|use|using)\s+(?P<x>.+)$",
         SUBJ, "The patient reports taking {x}", PATIENT, swap=PAT, tags={"medication"},
         requires=MED_RE),
    rule(r"^i " + ADV + r"have\s+(?!" + ADV + r"(?:to|been|not)\b)(?P<x>.+)$",
         SUBJ, "The patient reports {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^i am\s+" + ADV + r"(?P<x>(?!going\b|not\b|sure\b).+)$",
         SUBJ, "The patient reports being {x}", PATIENT, swap=PAT, requires=SYMPTOM_RE),
    rule(r"^i (?:think|believe|guess)(?: that)?\s+i\s+(?P<x>.+)$",
         SUBJ, "The patient believes they {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^(?P<x>(?:(?:sometimes|usually|often|occasionally)\s+)?my\s+.+)$",
         SUBJ, "The patient reports that {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^(?P<x>(?:(?:sometimes|usually|often|occasionally)\s+)?(?:i|we|my|our|it|the|this|"
         r"that|there)\b.*\b(?:i|my|me)\b.*)$",
         SUBJ, "The patient reports that {x}", PATIENT, swap=PAT, requires=CLINICAL, strict=True),
    rule(r"^i am\s+" + ADV + r"(?P<x>(?!going\b)\w+ing\b.+)$",
         SUBJ, "The patient reports {x}", PATIENT, swap=PAT, requires=CLINICAL),
    rule(r"^(?P<x>(?:it|the (?:[\w-]+\s+){0,2}[\w-]+|this|that)\s+(?:is|was|has|had|"
         r"started|began|gets|got|comes|goes|hurts|feels|happens|happened|helped|helps|"
         r"seems|made|makes|keeps)\b.+)$",
         SUBJ, "The patient reports that {x}", PATIENT, swap=PAT, requires=CLINICAL, strict=True),
    # A short answer naming a symptom ("some yellow phlegm").
    rule(r"^(?:some |a little |a lot of |a bit of |just )?(?P<x>(?:[\w'-]+[\s,]*){1,6})$",
         SUBJ, "The patient reports {x}", PATIENT, requires=SYMPTOM_RE, rejects=NO_VERB_LIST),
)
# fmt: on
