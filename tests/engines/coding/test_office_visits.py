from __future__ import annotations

import re

from tests.engines.coding.coded import visit_level
from tests.engines.notes.grounded.visits import BRONCHITIS, CHRONIC_FOLLOW_UP


def test_a_minor_problem_without_prescriptions_is_straightforward() -> None:
    visit = visit_level(["I think this is a common cold.", "Rest and drink plenty of fluids."])

    assert visit.code == "99212"
    assert visit.description == (
        "Office or other outpatient visit, established patient, "
        "straightforward medical decision making"
    )


def test_an_acute_illness_with_a_prescription_is_low() -> None:
    visit = visit_level(BRONCHITIS)

    assert visit.code == "99213"
    assert "risk moderate (prescription drug management)" in visit.reason


def test_two_chronic_illnesses_with_prescription_management_is_moderate() -> None:
    visit = visit_level(CHRONIC_FOLLOW_UP)

    assert visit.code == "99214"
    assert "2 stable chronic" in visit.reason


def test_without_drug_management_two_of_three_elements_decide() -> None:
    no_drugs = [line for line in CHRONIC_FOLLOW_UP if "continue" not in line.lower()]

    # Moderate problems alone: one test ordered is minimal data, so straightforward overall.
    assert visit_level(no_drugs).code == "99212"
    # A second test makes the data limited: low overall.
    assert visit_level([*no_drugs, "Let's also get a lipid panel."]).code == "99213"


def test_a_chronic_illness_not_at_goal_is_a_moderate_problem() -> None:
    visit = visit_level(
        ["Your blood pressure is running high at 160 over 95.",
         "Your hypertension is not controlled,",
         "so I'm going to increase your lisinopril to 40 milligrams."]
    )  # fmt: skip

    assert visit.code == "99214"
    assert "not at goal" in visit.reason


def test_a_new_patient_gets_the_new_patient_code_of_the_same_level() -> None:
    visit = visit_level(["Welcome, I see you're a new patient here.", *BRONCHITIS])

    assert visit.code == "99203"
    assert visit.description.startswith("Office or other outpatient visit, new patient")


def test_a_stated_total_time_can_raise_the_level() -> None:
    visit = visit_level([*BRONCHITIS, "I spent a total of 42 minutes on your care today."])

    assert visit.code == "99215"
    assert "42 minutes" in visit.reason


def test_the_descriptor_is_our_own_short_wording() -> None:
    visit = visit_level(BRONCHITIS)

    assert re.fullmatch(
        r"Office or other outpatient visit, (?:new|established) patient, "
        r"(?:straightforward|low|moderate|high) medical decision making",
        visit.description,
    )


def test_a_nurse_visit_with_no_problem_addressed_is_99211() -> None:
    level = visit_level(["This is a nurse visit for your blood pressure check only.", "Okay."])

    assert level.code == "99211"
    assert "nurse" in level.reason


def test_the_level_points_at_the_sentences_that_set_it() -> None:
    level = visit_level(
        ["I have a sore throat and a fever.", "I will prescribe amoxicillin for strep throat."]
    )

    assert level.references
    assert all(r.text in level.source_sentences for r in level.references)
