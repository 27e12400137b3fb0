from __future__ import annotations

import json

from murmur.facts.domain import (
    Allergy,
    Assertion,
    Certainty,
    Diagnosis,
    Evidence,
    Exam,
    Experiencer,
    FamilyHistory,
    FollowUp,
    Laterality,
    Medication,
    MedicationAction,
    Order,
    OrderType,
    VisitFacts,
    Vital,
    VitalName,
)


def test_a_sig_reads_as_a_clinician_writes_it() -> None:
    drug = Medication(
        name="oxycodone",
        action=MedicationAction.STARTED,
        dose="5 mg",
        route="PO",
        frequency="every 6 hours",
        as_needed=True,
    )

    assert drug.sig == "Oxycodone 5 mg PO every 6 hours as needed"


def test_a_medication_is_key_when_the_visit_changes_it() -> None:
    started = Medication(name="amlodipine", action=MedicationAction.STARTED)
    continued = Medication(name="amlodipine", action=MedicationAction.CONTINUED)

    assert started.key
    assert not continued.key


def test_a_change_made_before_this_visit_is_not_key() -> None:
    earlier = Medication(
        name="torsemide", action=MedicationAction.CHANGED, assertion=Assertion.HISTORICAL
    )

    assert not earlier.key


def test_a_conditional_order_stays_key_but_a_hypothetical_one_does_not() -> None:
    conditional = Order(order_type=OrderType.IMAGING, name="x-ray", assertion=Assertion.CONDITIONAL)
    hypothetical = Order(
        order_type=OrderType.IMAGING, name="x-ray", assertion=Assertion.HYPOTHETICAL
    )

    assert conditional.key
    assert not hypothetical.key


def test_no_known_allergies_is_key() -> None:
    assert Allergy(substance="none", assertion=Assertion.ABSENT).key


def test_a_vital_is_key_only_when_abnormal() -> None:
    high = Vital(name=VitalName.BLOOD_PRESSURE, value="148/90", unit="mmHg", abnormal=True)
    normal = Vital(name=VitalName.HEART_RATE, value="72", unit="bpm")

    assert high.key
    assert not normal.key


def test_an_exam_finding_is_key_when_abnormal_and_sided() -> None:
    sided = Exam(system="msk", finding="swelling", laterality=Laterality.RIGHT, normal=False)
    unsided = Exam(system="msk", finding="swelling", normal=False)

    assert sided.key
    assert not unsided.key


def test_family_history_is_about_the_family() -> None:
    history = FamilyHistory(relative="sister", condition="stroke")

    assert history.experiencer.value == "family"
    assert history.key


def test_visit_facts_picks_a_kind_and_the_key_facts() -> None:
    drug = Medication(name="metformin", action=MedicationAction.TAKING)
    follow_up = FollowUp(interval="2 weeks")
    facts = VisitFacts((drug, follow_up))

    assert facts.of(Medication) == [drug]
    assert facts.key_facts() == [follow_up]


def test_a_diagnosis_is_key_unless_ruled_out_or_someone_elses() -> None:
    confirmed = Diagnosis(name="hypertension")
    suspected = Diagnosis(
        name="glioma", certainty=Certainty.SUSPECTED, assertion=Assertion.POSSIBLE
    )
    ruled_out = Diagnosis(name="covid", certainty=Certainty.RULED_OUT, assertion=Assertion.ABSENT)
    friends = Diagnosis(name="brain tumour", experiencer=Experiencer.OTHER)

    assert confirmed.key
    assert suspected.key
    assert not ruled_out.key
    assert not friends.key


def test_facts_as_json_name_their_kind_and_evidence() -> None:
    vital = Vital(
        name=VitalName.BLOOD_PRESSURE,
        value="148/90",
        unit="mmHg",
        abnormal=True,
        evidence=(Evidence(segment=3, start=26, end=53),),
    )

    (structure,) = VisitFacts((vital,)).to_structure()

    assert json.loads(json.dumps(structure)) == {
        "kind": "vital",
        "key": True,
        "name": "blood_pressure",
        "value": "148/90",
        "unit": "mmHg",
        "abnormal": True,
        "assertion": "present",
        "experiencer": "patient",
        "speaker": "unknown",
        "confidence": 1.0,
        "evidence": [{"segment": 3, "start": 26, "end": 53}],
    }
