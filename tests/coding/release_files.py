"""Tiny release files in each licensed system's published format, for the loader tests."""

from __future__ import annotations

from pathlib import Path

FSN, SYNONYM, IS_A = "900000000000003001", "900000000000013009", "116680003"
MODULE = "900000000000207008"
CONCEPT_HEADER = "id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId"
DESCRIPTION_HEADER = (
    "id\teffectiveTime\tactive\tmoduleId\tconceptId\tlanguageCode\ttypeId\tterm\tcaseSignificanceId"
)
RELATIONSHIP_HEADER = (
    "id\teffectiveTime\tactive\tmoduleId\tsourceId\tdestinationId\trelationshipGroup\ttypeId\t"
    "characteristicTypeId\tmodifierId"
)
# (concept id, active, fully specified name, synonyms, IS-A parents)
SNOMED_CONCEPTS = [
    ("138875005", "1", "SNOMED CT Concept (SNOMED RT+CTV3)", [], []),
    ("404684003", "1", "Clinical finding (finding)", [], ["138875005"]),
    ("64572001", "1", "Disease (disorder)", ["Disorder"], ["404684003"]),
    ("38341003", "1", "Hypertensive disorder, systemic arterial (disorder)",
     ["High blood pressure", "Hypertension"], ["64572001"]),
    ("59621000", "1", "Essential hypertension (disorder)", ["Primary hypertension"], ["38341003"]),
    ("73211009", "1", "Diabetes mellitus (disorder)", ["Diabetes"], ["64572001"]),
    ("44054006", "1", "Diabetes mellitus type 2 (disorder)", ["Type 2 diabetes mellitus"],
     ["73211009"]),
    ("12345001", "0", "Retired concept (disorder)", ["Retired"], ["64572001"]),
]  # fmt: skip


def write_rf2_snapshot(root: Path) -> Path:
    folder = root / "SnomedCT_InternationalRF2_PRODUCTION_20250101T120000Z" / "Snapshot"
    terminology = folder / "Terminology"
    terminology.mkdir(parents=True)
    concepts, descriptions, relationships = [CONCEPT_HEADER], [DESCRIPTION_HEADER], []
    relationships.append(RELATIONSHIP_HEADER)
    for number, (code, active, name, synonyms, parents) in enumerate(SNOMED_CONCEPTS, start=1):
        concepts.append(f"{code}\t20250101\t{active}\t{MODULE}\t900000000000074008")
        terms = [(FSN, name)] + [(SYNONYM, term) for term in synonyms]
        for offset, (kind, term) in enumerate(terms):
            description_id = f"{number}{offset}1011"
            descriptions.append(
                f"{description_id}\t20250101\t1\t{MODULE}\t{code}\ten\t{kind}\t{term}\t"
                "900000000000448009"
            )
        for parent in parents:
            relationships.append(
                f"{number}0{parent[:4]}025\t20250101\t1\t{MODULE}\t{code}\t{parent}\t0\t{IS_A}\t"
                "900000000000011006\t900000000000451002"
            )
    files = {
        "sct2_Concept_Snapshot_INT_20250101.txt": concepts,
        "sct2_Description_Snapshot-en_INT_20250101.txt": descriptions,
        "sct2_Relationship_Snapshot_INT_20250101.txt": relationships,
    }
    for name, lines in files.items():
        (terminology / name).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return root


def write_opcs(root: Path) -> Path:
    path = root / "OPCS410 Data files txt" / "OPCS410 CodesAndTitles Nov 2022 V1.0.txt"
    path.parent.mkdir(parents=True)
    rows = [
        ("A01", "Major excision of tissue of brain"),
        ("A01.1", "Hemispherectomy"),
        ("U20", "Diagnostic echocardiography"),
        ("U201", "Transthoracic echocardiography"),
        ("U202", "Transoesophageal echocardiography"),
    ]
    path.write_text("".join(f"{code}\t{title}\r\n" for code, title in rows), encoding="utf-8")
    return path.parent


def write_achi(root: Path) -> Path:
    path = root / "ACHI_13th_Edition_Codes.txt"
    rows = [
        "Code\tDescriptor\tBlock\tBlock descriptor",
        "55113-00\tUltrasound of heart\t1942\tUltrasound of heart",
        "11700-00\tElectrocardiography\t1852\tElectrocardiography",
        "30473-00\tPanendoscopy to duodenum\t1008\tPanendoscopy",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_cpt(root: Path) -> Path:
    """Our own placeholder descriptors: the layout of a licensee's file, not AMA text."""
    path = root / "CPT 2025" / "LONGULT.txt"
    path.parent.mkdir(parents=True)
    path.write_text(
        "Copyright notice line that is not a code\n"
        "93306\tTest descriptor: heart ultrasound with doppler\n"
        "99213\tTest descriptor: established patient office visit, low complexity\n",
        encoding="utf-8",
    )
    return path.parent
