"""Spanish rules: a smaller best-effort set with Spanish clinical frames."""

from __future__ import annotations

import re

from murmur.engines.notes.grounded.patterns_en import CLINICIAN, PATIENT
from murmur.language.clinical_words import SPANISH_CLINICAL_RE
from murmur.language.statements import Kind, Rule, rule

SUBJ, OBJ, ASSESS, PLAN = Kind.SUBJECTIVE, Kind.OBJECTIVE, Kind.ASSESSMENT, Kind.PLAN
_LEAD = r"^(?:(?:bueno|pues|entonces|y|ok|vale|mire|bien|ahora)[\s,]+)*"
_NUMBER = re.compile(
    r"\d|\b(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|treinta|cuarenta|"
    r"cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento)\b",
    re.IGNORECASE,
)
_DIAGNOSIS = re.compile(
    r"\b\w*(?:itis|osis|infecci|virus|viral|bacteria|gripe|resfriado|hipertensi|diabetes|"
    r"asma|neumon|migra|ansiedad|depresi|alergi|gastritis|reflujo|esguince|fractura|"
    r"bronquitis)\w*",
    re.IGNORECASE,
)
_TEST = re.compile(
    r"\b(?:radiograf\w*|placa|análisis|analisis|laboratorio|examen de sangre|prueba\w*|"
    r"ultrasonido|ecograf\w*|resonancia|tomograf\w*|electrocardiograma|cultivo|orina)\b",
    re.IGNORECASE,
)

# fmt: off
SPANISH_RULES: tuple[Rule, ...] = (
    rule(_LEAD + r"(?:le voy a|voy a|vamos a)\s+(?:recetar|prescribir|dar|indicar|empezar)"
         r"(?:le)?\s+(?:con\s+)?(?P<x>.+)$",
         PLAN, "Se prescribe {x}", CLINICIAN, tags={"medication", "prescription"}),
    rule(_LEAD + r"(?:le receto|le recetamos|le prescribo)\s+(?P<x>.+)$",
         PLAN, "Se prescribe {x}", CLINICIAN, tags={"medication", "prescription"}),
    rule(_LEAD + r"(?:vamos a|voy a|le voy a)\s+(?:pedir|ordenar|solicitar|hacer)(?:le)?\s+"
         r"(?P<x>.+)$",
         PLAN, "Se solicita {x}", CLINICIAN, tags={"test"}, requires=_TEST),
    rule(r"^.*?\b(?:regrese|vuelva|control|cita|nos vemos|seguimiento)\b.*?\b(?P<x>(?:en|dentro "
         r"de)\s+\w+\s+(?:días|semanas|meses))\b.*$",
         PLAN, "Control {x}", CLINICIAN, tags={"followup"}),
    rule(_LEAD + r"(?:creo que|parece que|pienso que|me parece que)\s+(?:usted\s+)?(?:es|tiene|"
         r"se trata de)\s+(?:una?\s+)?(?P<x>.+)$",
         ASSESS, "Impresión diagnóstica compatible con {x}", CLINICIAN, tags={"diagnosis"},
         requires=_DIAGNOSIS),
    rule(r"^.*?\b(?P<x>(?:su\s+)?(?:temperatura|presión(?: arterial)?|frecuencia cardíaca|"
         r"pulso|saturación|oxígeno|peso)\b.*)$",
         OBJ, "{x}", CLINICIAN, tags={"vital"}, requires=_NUMBER),
    rule(r"^.*?\b(?P<x>(?:sus?\s+)?(?:pulmones|garganta|corazón|oídos|abdomen|piel|amígdalas)"
         r"\s+(?:se ven|se escuchan|suenan|están|está|se oyen)\b.+)$",
         OBJ, "{x}", CLINICIAN, tags={"exam"}),
    rule(r"^(?:no,?\s+)?no (?:tengo|he tenido|siento)\s+(?:nada de\s+)?(?P<x>.+)$",
         SUBJ, "Paciente niega {x}", PATIENT, tags={"negative"}, requires=SPANISH_CLINICAL_RE),
    rule(r"^(?:sí,?\s+)?(?:tengo|he tenido|estoy con)\s+(?P<x>.+)$",
         SUBJ, "Paciente refiere {x}", PATIENT, requires=SPANISH_CLINICAL_RE),
    rule(r"^(?:sí,?\s+)?me duele\s+(?P<x>.+)$",
         SUBJ, "Paciente refiere que le duele {x}", PATIENT),
    rule(r"^(?:sí,?\s+)?(?:soy alérgic[oa]|tengo alergia)\s+a\s+(?P<x>.+)$",
         SUBJ, "Paciente refiere alergia a {x}", PATIENT, tags={"allergy"}),
    rule(r"^(?:sí,?\s+)?(?:tomo|estoy tomando)\s+(?P<x>.+)$",
         SUBJ, "Paciente refiere tomar {x}", PATIENT, tags={"medication"}),
)
# fmt: on
