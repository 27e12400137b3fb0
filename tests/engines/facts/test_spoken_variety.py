"""Facts said the way visits say them: across a question and its answer, over several
sentences, in several words, or misheard."""

from __future__ import annotations

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.facts.domain import (
    Allergy,
    Assertion,
    Diagnosis,
    Exam,
    FamilyHistory,
    FollowUp,
    Laterality,
    Medication,
    MedicationAction,
    Order,
    OrderType,
    Result,
    ReturnPrecaution,
    Score,
    VisitFacts,
    Vital,
    VitalName,
)
from murmur.transcripts.pasted import parse_transcript


def _facts(transcript: str) -> VisitFacts:
    return RuleFactExtractor().extract(parse_transcript(transcript), language="english")


def _family(facts: VisitFacts) -> set[tuple[str, str, Assertion]]:
    return {(f.relative, f.condition, f.assertion) for f in facts.of(FamilyHistory)}


def test_a_family_question_answered_with_only_the_relative() -> None:
    facts = _facts("Doctor: Any diabetes in the family?\nPatient: My grandmother, yeah.")

    assert _family(facts) == {("grandmother", "diabetes", Assertion.PRESENT)}


def test_a_family_question_answered_no_is_an_absent_family_history() -> None:
    facts = _facts("Doctor: Any history of colon cancer in the family?\nPatient: No.")

    (fact,) = facts.of(FamilyHistory)
    assert (fact.condition, fact.assertion) == ("colon cancer", Assertion.ABSENT)
    assert not fact.key


def test_the_relative_asked_about_owns_the_condition_in_the_answer() -> None:
    facts = _facts(
        "Doctor: And your father, is he still alive?\nPatient: No, he passed away from a stroke."
    )

    assert _family(facts) == {("father", "stroke", Assertion.PRESENT)}


def test_an_answer_about_the_patient_is_not_the_relatives_history() -> None:
    facts = _facts("Doctor: How is your mother doing?\nPatient: Fine. I have asthma though.")

    assert facts.of(FamilyHistory) == []


def test_every_relative_listed_with_a_condition_has_it() -> None:
    facts = _facts("Patient: Diabetes runs in my family, my brother and my dad both have it.")

    assert _family(facts) == {
        ("brother", "diabetes", Assertion.PRESENT),
        ("father", "diabetes", Assertion.PRESENT),
    }


def test_a_reading_said_sentences_after_its_measure_is_that_measure() -> None:
    facts = _facts("Doctor: Let me take your temperature. Okay, it's 101.2.")

    (vital,) = facts.of(Vital)
    assert (vital.name, vital.value, vital.abnormal) == (VitalName.TEMPERATURE, "101.2", True)
    assert vital.assertion is Assertion.PRESENT
    assert len(vital.evidence) == 2  # the measure named, and the value


def test_a_reading_the_patient_gives_in_answer_is_an_earlier_one() -> None:
    facts = _facts(
        "Doctor: What have your blood sugars been running?\n"
        "Patient: Usually around 220 in the morning."
    )

    (vital,) = facts.of(Vital)
    assert (vital.name, vital.value, vital.assertion) == (
        VitalName.GLUCOSE,
        "220",
        Assertion.HISTORICAL,
    )
    assert vital.key


def test_a_number_that_is_no_reading_is_not_carried() -> None:
    facts = _facts(
        "Doctor: Let me check your temperature.\nPatient: I've had this for 3 days.\n"
        "Doctor: It's normal."
    )

    assert facts.of(Vital) == []


def test_a_home_reading_answered_is_historical() -> None:
    facts = _facts(
        "Doctor: What was your blood pressure at home?\n"
        "Patient: It's been running around 150 over 95."
    )

    (vital,) = facts.of(Vital)
    assert (vital.value, vital.assertion) == ("150/95", Assertion.HISTORICAL)


def test_a_misheard_drug_name_is_read_as_the_drug() -> None:
    facts = _facts(
        "Doctor: I'm going to start you on lisinoprill 10 milligrams.\n"
        "Doctor: And let's start metforman 500 twice a day."
    )

    drugs = {(d.name, d.action) for d in facts.of(Medication)}
    assert drugs == {
        ("lisinopril", MedicationAction.STARTED),
        ("metformin", MedicationAction.STARTED),
    }
    assert all(d.confidence < 0.7 for d in facts.of(Medication))


def test_ordinary_words_near_a_drug_name_are_not_drugs() -> None:
    facts = _facts("Patient: It hurts in my chest or my back, and I want to relax.")

    assert facts.of(Medication) == []


def test_a_relatives_condition_named_in_the_vocabulary_is_found() -> None:
    facts = _facts("Patient: My sister was diagnosed with lupus last year.")

    assert _family(facts) == {("sister", "lupus", Assertion.PRESENT)}


def test_a_sprain_said_as_you_ve_sprained_keeps_side() -> None:
    facts = _facts("Doctor: You've sprained your right ankle.")

    (diagnosis,) = facts.of(Diagnosis)
    assert (diagnosis.name, diagnosis.laterality) == ("sprain", Laterality.RIGHT)


def test_a_sprain_of_a_misheard_ligament_keeps_the_ligament_and_side() -> None:
    facts = _facts(
        "Doctor: You have a sprain of the anterior talofiblar ligament on the right side."
    )

    (diagnosis,) = facts.of(Diagnosis)
    assert (diagnosis.name, diagnosis.site, diagnosis.laterality) == (
        "sprain",
        "anterior talofibular ligament",
        Laterality.RIGHT,
    )


def test_a_sprain_whose_ligament_is_lost_keeps_the_joint_and_side() -> None:
    facts = _facts("Doctor: Looks like you sprained the right ankle, the uh tally fibby thing.")

    (diagnosis,) = facts.of(Diagnosis)
    assert (diagnosis.name, diagnosis.site, diagnosis.laterality) == (
        "sprain",
        "ankle",
        Laterality.RIGHT,
    )
    assert diagnosis.key


def test_a_torn_ligament_said_by_its_initials_names_it() -> None:
    facts = _facts("Doctor: I'm afraid you tore your left ACL.")

    (diagnosis,) = facts.of(Diagnosis)
    assert (diagnosis.name, diagnosis.site, diagnosis.laterality) == (
        "ligament tear",
        "anterior cruciate ligament",
        Laterality.LEFT,
    )


def _orders(facts: VisitFacts) -> set[tuple[str, OrderType]]:
    return {(o.name, o.order_type) for o in facts.of(Order)}


def test_orders_in_the_many_ways_clinicians_place_them() -> None:
    facts = _facts(
        "Doctor: I'm going to put you down for an MRI.\n"
        "Doctor: I sent off a urine sample to the lab.\n"
        "Doctor: We'll draw some blood today to check your thyroid.\n"
        "Doctor: I'll get you set up with a cardiologist.\n"
        "Doctor: I'm going to recommend you see an orthopedic surgeon.\n"
        "Doctor: I'm going to have you go back to Dr. Smith for your kidneys."
    )

    assert _orders(facts) == {
        ("mri", OrderType.IMAGING),
        ("urinalysis", OrderType.LAB),
        ("thyroid function", OrderType.LAB),
        ("cardiologist", OrderType.REFERRAL),
        ("orthopedic surgeon", OrderType.REFERRAL),
        ("dr. smith", OrderType.REFERRAL),
    }
    assert all(o.key for o in facts.of(Order))


def test_a_list_of_tests_goes_on_into_the_next_sentence() -> None:
    facts = _facts("Doctor: Let's do a CBC. And a metabolic panel and a lipid panel.")

    assert {name for name, _ in _orders(facts)} == {
        "complete blood count",
        "metabolic panel",
        "lipid panel",
    }


def test_the_person_named_after_a_service_is_the_referral() -> None:
    facts = _facts("Doctor: I want to give you a referral to nutrition, to a dietitian.")

    assert _orders(facts) == {("dietitian", OrderType.REFERRAL)}


def test_a_body_part_felt_or_a_question_about_urine_orders_nothing() -> None:
    facts = _facts(
        "Doctor: I do feel a little enlarged thyroid here.\n"
        "Doctor: Do you have any blood in your urine?\nPatient: No."
    )

    assert facts.of(Order) == []


def _drugs(facts: VisitFacts) -> set[tuple[str, MedicationAction]]:
    return {(d.name, d.action) for d in facts.of(Medication) if d.key}


def test_a_switch_stops_one_drug_and_starts_the_other() -> None:
    facts = _facts(
        "Doctor: Let's switch you from Norvasc to losartan.\n"
        "Doctor: And I'm going to take you off the naproxen and put you on Tylenol instead."
    )

    assert _drugs(facts) == {
        ("amlodipine", MedicationAction.STOPPED),
        ("losartan", MedicationAction.STARTED),
        ("naproxen", MedicationAction.STOPPED),
        ("acetaminophen", MedicationAction.STARTED),
    }


def test_a_decision_about_the_drug_just_named_is_that_drugs() -> None:
    facts = _facts(
        "Patient: I'm on metformin 500.\nDoctor: Let's go up to 1000 twice a day on that.\n"
        "Patient: And I take Lipitor.\nDoctor: Okay, I'll send in a refill for that."
    )

    assert _drugs(facts) == {
        ("metformin", MedicationAction.CHANGED),
        ("atorvastatin", MedicationAction.REFILLED),
    }


def test_ordering_a_drug_the_patient_already_takes_is_a_refill() -> None:
    facts = _facts(
        "Doctor: Continue the lisinopril.\nDoctor: Do you need a refill of it?\n"
        "Patient: Actually, I do.\nDoctor: Okay. Order lisinopril, 20 milligrams daily."
    )

    assert _drugs(facts) == {("lisinopril", MedicationAction.REFILLED)}


def test_new_drugs_added_or_started_in_other_words() -> None:
    facts = _facts(
        "Doctor: We'll go ahead and add on hydrochlorothiazide.\n"
        "Doctor: I'd like you to be on a baby aspirin every day.\n"
        "Doctor: Let's get you started on Ozempic."
    )

    assert _drugs(facts) == {
        ("hydrochlorothiazide", MedicationAction.STARTED),
        ("aspirin", MedicationAction.STARTED),
        ("semaglutide", MedicationAction.STARTED),
    }
    assert all(d.assertion is Assertion.PRESENT for d in facts.of(Medication))


def test_a_result_read_out_in_words_is_flagged_by_them() -> None:
    facts = _facts(
        "Doctor: Your cholesterol is still pretty high.\n"
        "Doctor: Your hemoglobin came back low.\n"
        "Doctor: Your kidney function looks fine."
    )

    read = {(r.name, r.abnormal) for r in facts.of(Result)}
    assert read == {("cholesterol", True), ("hemoglobin", True), ("kidney function", False)}
    assert {r.name for r in facts.of(Result) if r.key} == {"cholesterol", "hemoglobin"}


def test_a_result_not_high_is_not_read_as_high() -> None:
    facts = _facts("Doctor: Your potassium is not low at all.")

    assert [r for r in facts.of(Result) if r.abnormal] == []


def test_what_an_ekg_or_urine_test_showed_is_a_result() -> None:
    facts = _facts(
        "Doctor: We did an EKG and it showed atrial fibrillation.\n"
        "Doctor: Your urine test showed an infection."
    )

    assert {(r.name, r.abnormal) for r in facts.of(Result)} == {
        ("ekg", True),
        ("urinalysis", True),
    }


def test_problems_numbered_in_the_assessment_are_diagnoses() -> None:
    facts = _facts("Doctor: So, number one, asthma. Number two, gerd.")

    assert {d.name for d in facts.of(Diagnosis)} == {"asthma", "gerd"}


def test_follow_ups_said_in_other_words() -> None:
    facts = _facts(
        "Doctor: Come see me in a couple of weeks.\n"
        "Doctor: I'll call you with the results.\n"
        "Doctor: And follow up with me after the MRI."
    )

    said = {(f.interval, f.text) for f in facts.of(FollowUp)}
    assert said == {
        ("a couple weeks", None),
        (None, "call with results"),
        (None, "after the mri"),
    }


def test_come_back_if_not_better_is_a_precaution_not_a_follow_up() -> None:
    facts = _facts("Doctor: Come back if you're not better in a week.")

    assert facts.of(FollowUp) == []
    (precaution,) = facts.of(ReturnPrecaution)
    assert "not better" in precaution.trigger


def _findings(facts: VisitFacts) -> set[tuple[str, Laterality | None, bool]]:
    return {(e.finding, e.laterality, e.normal) for e in facts.of(Exam)}


def test_findings_take_the_side_of_the_limb_being_examined() -> None:
    facts = _facts("Doctor: Let me look at your right knee. There's some swelling and it's tender.")

    assert _findings(facts) == {
        ("swelling", Laterality.RIGHT, False),
        ("tenderness", Laterality.RIGHT, False),
    }
    assert all(e.key for e in facts.of(Exam))


def test_a_side_compared_with_is_not_the_sides_finding() -> None:
    facts = _facts("Doctor: Your left calf is swollen compared to the right.")

    assert _findings(facts) == {("swelling", Laterality.LEFT, False)}


def test_an_examination_question_answered_is_a_finding() -> None:
    facts = _facts(
        "Doctor: When I press here on your right side, does that hurt?\n"
        "Patient: Yes, that hurts.\n"
        "Doctor: And if I push on the left side, any pain?\nPatient: No."
    )

    assert _findings(facts) == {
        ("tenderness", Laterality.RIGHT, False),
        ("tenderness", Laterality.LEFT, True),
    }


def test_more_findings_a_clinician_reports() -> None:
    facts = _facts(
        "Doctor: Your right ear drum is red and bulging.\n"
        "Doctor: There's a rash on your left arm.\n"
        "Doctor: Strength is decreased in your right hand."
    )

    assert {e.finding for e in facts.of(Exam) if e.key} == {
        "erythema",
        "bulging tympanic membrane",
        "rash",
        "decreased strength",
    }


def test_a_pain_scale_asked_and_answered_is_a_score() -> None:
    facts = _facts(
        "Doctor: On a scale of one to ten, how bad is the pain?\nPatient: About a seven.\n"
        "Doctor: And at its worst, on that scale, how would you rate the pain?\n"
        "Patient: Probably 8 or 9."
    )

    assert [s.value for s in facts.of(Score)] == ["7/10", "8-9/10"]
    assert all(s.key for s in facts.of(Score))


def test_a_scale_question_answered_with_a_duration_gives_no_score() -> None:
    facts = _facts(
        "Doctor: How long have you had the pain, and how would you rate it on a scale?\n"
        "Patient: About 3 days."
    )

    assert facts.of(Score) == []


def test_a_condition_that_runs_in_the_family_is_family_history() -> None:
    facts = _facts("Patient: Heart disease runs in my family.")

    assert _family(facts) == {("family", "heart disease", Assertion.PRESENT)}


def test_a_question_about_one_relative_answered_with_a_pronoun() -> None:
    facts = _facts(
        "Doctor: What did your grandmother pass away from?\nPatient: She had ovarian cancer."
    )

    assert _family(facts) == {("grandmother", "ovarian cancer", Assertion.PRESENT)}


def test_pressures_said_to_run_high_after_the_readings_are_shown() -> None:
    facts = _facts(
        "Doctor: Let's look at the blood pressure readings. "
        "They've been running a little high over the past couple months."
    )

    (vital,) = facts.of(Vital)
    assert (vital.name, vital.value, vital.abnormal) == (VitalName.BLOOD_PRESSURE, None, True)
    assert vital.assertion is Assertion.HISTORICAL
    assert vital.key


def test_a_sugar_reading_said_later_in_the_sentence() -> None:
    facts = _facts(
        "Doctor: We did a glucose test on you a couple of months ago and you were around "
        "three hundred."
    )

    (vital,) = facts.of(Vital)
    assert (vital.name, vital.value, vital.abnormal) == (VitalName.GLUCOSE, "300", True)


def test_procedures_and_less_common_tests_are_orders() -> None:
    facts = _facts(
        "Doctor: We'll schedule you for a right knee replacement.\n"
        "Doctor: I'd like to check a stool sample and a vitamin B12 level.\n"
        "Doctor: Let's get you a flu shot today."
    )

    assert _orders(facts) == {
        ("joint replacement", OrderType.PROCEDURE),
        ("stool test", OrderType.LAB),
        ("vitamin b12 level", OrderType.LAB),
        ("vaccination", OrderType.PROCEDURE),
    }
    (knee,) = [o for o in facts.of(Order) if o.name == "joint replacement"]
    assert knee.laterality is Laterality.RIGHT


def test_a_test_already_done_or_asked_about_is_not_ordered() -> None:
    facts = _facts(
        "Doctor: I checked your magnesium level because of the diuretic.\n"
        "Doctor: Have you had a colonoscopy or do you do a peak flow at home?"
    )

    assert facts.of(Order) == []


def test_brand_names_across_drug_classes_are_read_as_generics() -> None:
    facts = _facts(
        "Doctor: I'm going to start you on Entresto.\n"
        "Doctor: Let's stop the Toradol.\n"
        "Doctor: We'll increase your Lamictal to 100 milligrams."
    )

    assert _drugs(facts) == {
        ("sacubitril-valsartan", MedicationAction.STARTED),
        ("ketorolac", MedicationAction.STOPPED),
        ("lamotrigine", MedicationAction.CHANGED),
    }


def test_a_problem_followed_up_in_a_question_is_the_patients_diagnosis() -> None:
    facts = _facts(
        "Doctor: How is your diabetes doing?\nPatient: Okay.\nDoctor: Do you have asthma?"
    )

    assert {d.name for d in facts.of(Diagnosis)} == {"diabetes"}


def _allergic(facts: VisitFacts) -> set[tuple[str, str | None]]:
    return {(a.substance, a.reaction) for a in facts.of(Allergy)}


def test_an_allergy_question_answered_with_the_substance_and_reaction() -> None:
    facts = _facts(
        "Doctor: Any allergies to medications?\nPatient: Penicillin gives me a rash.\n"
        "Doctor: Anything else you're allergic to?\nPatient: Sulfa drugs."
    )

    assert _allergic(facts) == {("penicillin", "rash"), ("sulfa drugs", None)}
    assert all(a.key and a.assertion is Assertion.PRESENT for a in facts.of(Allergy))


def test_a_drug_the_patient_cannot_take_for_a_reaction_is_an_allergy() -> None:
    facts = _facts("Patient: I can't take amoxicillin, I break out in hives.")

    assert _allergic(facts) == {("amoxicillin", "hives")}


def test_a_drug_merely_not_taken_is_no_allergy() -> None:
    facts = _facts("Patient: I can't take my metformin in the morning, I forget.")

    assert facts.of(Allergy) == []


def test_a_follow_up_asked_of_the_patient_as_a_request() -> None:
    facts = _facts("Doctor: Can you come back in 2 weeks?\nDoctor: When was your last appointment?")

    assert [f.interval for f in facts.of(FollowUp)] == ["2 weeks"]
