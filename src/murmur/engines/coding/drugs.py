"""Long-term drug therapy named in the assessment ("High risk medication use") is coded by the
drug the plan names when the tabular list has a code for it (methotrexate Z79.631), otherwise
as other long-term drug therapy (Z79.899)."""

from __future__ import annotations

import re

from murmur.engines.coding.code_set import Icd10Cm
from murmur.engines.coding.coded import Coded, inactive, recoded
from murmur.engines.coding.sources import Origin, Source

OTHER_DRUG_THERAPY = "Z79.899"
_STOPPED = re.compile(
    r"\b(?:discontinu\w*|stop\w*|off|hold\w*|instead of)\W+(?:\w+\W+){0,2}$", re.I
)


def _named_drugs(sources: list[Source], codes: Icd10Cm) -> dict[str, tuple[str, Source]]:
    """Each Z79 code whose drug the assessment or plan names as taken, with the sentence."""
    found: dict[str, tuple[str, Source]] = {}
    for source in sources:
        if source.origin not in {Origin.ASSESSMENT, Origin.PLAN}:
            continue
        for drug, code in codes.long_term_drugs.items():
            for match in re.finditer(rf"\b{re.escape(drug)}\b", source.text, re.IGNORECASE):
                if not _STOPPED.search(source.text[: match.start()]):
                    found.setdefault(code, (drug, source))
    return found


def drug_therapy(coded: list[Coded], sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    general = next(
        (c for c in coded if c.suggestion.active and c.suggestion.code == OTHER_DRUG_THERAPY),
        None,
    )
    if general is None:
        return coded
    taken = {c.suggestion.code for c in coded if c.suggestion.active}
    named = {code: hit for code, hit in _named_drugs(sources, codes).items() if code not in taken}
    found: list[Coded] = []
    for code, (drug, source) in named.items():
        known = codes.lookup(code)
        if known is None:
            continue
        reason = (
            f"{general.suggestion.reason}; the drug named is {drug}, which the tabular list "
            f"codes as {known.description.lower()}"
        )
        suggestion = recoded(
            general.suggestion,
            known,
            codes,
            reason=reason,
            source_sentences=(*general.suggestion.source_sentences[:1], source.text),
        )
        found.append(Coded(suggestion, None, general.origin, general.addressed))
    if not found:
        return coded
    codes_named = ", ".join(c.suggestion.code for c in found)
    return [
        inactive(c, f"{c.suggestion.reason}; the drug's own code ({codes_named}) is reported")
        if c is general
        else c
        for c in coded
    ] + found
