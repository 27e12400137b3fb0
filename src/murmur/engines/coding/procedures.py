"""Procedures and tests the plan orders or the clinician performs, for procedure code systems
(OPCS-4, ACHI). Conditional ("if it gets worse, an MRI") and declined ones are left out."""

from __future__ import annotations

import re

from murmur.coding.domain import ProcedureMention, Reference
from murmur.engines.coding.sources import Origin, Source, gather

# name: (how notes say it, the words searched in a procedure classification)
_NAMES = {
    "x-ray": (r"x-?rays?|radiographs?", "radiography x-ray"),
    "MRI": (r"mri|magnetic resonance imaging", "magnetic resonance imaging"),
    "CT scan": (r"ct scan|cat scan|computed tomography", "computed tomography"),
    "ultrasound": (r"ultrasound|sonogram", "ultrasound"),
    "echocardiogram": (r"echocardiograms?|echo", "echocardiography ultrasound heart"),
    "electrocardiogram": (r"ekg|ecg|electrocardiograms?", "electrocardiography"),
    "colonoscopy": (r"colonoscopy", "colonoscopy"),
    "upper endoscopy": (r"endoscopy|egd", "endoscopy oesophagus stomach duodenum panendoscopy"),
    "injection": (r"(?:steroid |cortisone )?injections?", "injection"),
    "biopsy": (r"biops(?:y|ies)", "biopsy"),
    "cast": (r"cast", "plaster cast"),
    "splint": (r"splint", "splint"),
    "physical therapy": (r"physical therapy", "physiotherapy"),
    "vaccination": (r"vaccines?|vaccinations?|immuniz\w+", "vaccination immunisation"),
    "spirometry": (r"pulmonary function tests?", "spirometry pulmonary function"),
}
_PROCEDURE = re.compile(
    r"\b(?:" + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_NAMES.values())) + r")\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    r"\b(?:if|unless|should|may need|might|consider|no need|not need|declin\w*|defer\w*|do not)\b",
    re.IGNORECASE,
)


def procedures(note: str, transcript: str) -> list[ProcedureMention]:
    """One per procedure named, from the plan (the transcript when the note has no plan)."""
    sources = gather(note, transcript)
    planned = [s for s in sources if s.origin in {Origin.PLAN, Origin.ASSESSMENT}]
    found: dict[str, ProcedureMention] = {}
    for source in planned or [s for s in sources if s.origin is Origin.TRANSCRIPT]:
        if _NOT_DONE.search(source.text):
            continue
        for match in _PROCEDURE.finditer(source.text):
            index = int(next(k for k, v in match.groupdict().items() if v)[1:])
            name, (_, query) = list(_NAMES.items())[index]
            found.setdefault(name, ProcedureMention(query, match.group(0), _reference(source)))
    return list(found.values())


def _reference(source: Source) -> Reference:
    return Reference(str(source.document), source.text, source.start, source.end)
