"""Said but not in the note, on the page: a drug the clinician deletes from the note shows up
next to Sign off, and one click (or Enter) adds a sentence stating it back."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from murmur.db import Transactions, make_engine, make_session_factory
from murmur.encounters.models import Encounter
from murmur.notes import service as notes
from murmur.notes.domain import NoteSection, NoteSentence, WrittenNote
from murmur.notes.generation import NoteOptions
from murmur.settings import Settings
from murmur.transcripts import repository as transcripts
from murmur.transcripts.pasted import parse_transcript
from tests.notes.seed import BRONCHITIS
from tests.web.conftest import ConsoleLog, Murmur, Screens, serve
from tests.web.test_visit_in_browser import new_patient_visit, open_the_visit_again, sign_in

DRUG = "Albuterol inhaler 2 puffs every 4 hours as needed, started."
NOTE = WrittenNote(
    title="Clinical note",
    sections=(
        NoteSection(
            "subjective",
            "Subjective",
            (
                NoteSentence("Cough for 5 days, fever 100.4 last night.", evidence=(1, 3)),
                NoteSentence("Allergy: penicillin (hives).", evidence=(7,)),
            ),
        ),
        NoteSection("objective", "Objective", (NoteSentence("Wheezing in both lungs.", (9,)),)),
        NoteSection(
            "plan",
            "Assessment and plan",
            (
                NoteSentence("Acute bronchitis.", evidence=(10,)),
                NoteSentence(DRUG, evidence=(11,)),
                NoteSentence("Follow up in 1 week if you are not better.", evidence=(13,)),
            ),
        ),
    ),
)


@pytest.fixture(scope="module")
def murmur(tmp_path_factory: pytest.TempPathFactory, model_cache_dir: Path) -> Iterator[Murmur]:
    # The transcript is written straight to the database: no speech model is needed.
    with serve(tmp_path_factory.mktemp("murmur"), model_cache_dir, workers=0) as running:
        yield running


def store_visit(murmur: Murmur, session_id: str) -> None:
    """The bronchitis visit's transcript and a note stating every key fact of it, stored as the
    server stores them once the visit is transcribed and the note written."""
    settings = Settings(
        data_dir=Path(murmur.env["MURMUR_DATA_DIR"]),
        database_url=murmur.env.get("MURMUR_DATABASE_URL"),
    )
    engine = make_engine(settings.resolved_database_url)
    try:
        with Transactions(make_session_factory(engine)).writing() as session:
            encounter = session.get(Encounter, uuid.UUID(session_id))
            assert encounter is not None
            encounter.language = "english"  # as transcription detects it
            transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
            transcripts.replace_segments(
                session, transcript_id=transcript.id, items=parse_transcript(BRONCHITIS)
            )
            request = notes.prepare_note(session, encounter=encounter, options=NoteOptions())
            notes.save_consult_note(session, request=request, written=NOTE)
    finally:
        engine.dispose()


def delete_sentence(page: Page, text: str) -> None:
    """Selects the sentence in the editor and deletes it with the keyboard, as a clinician does."""
    sentence = page.locator("#note-editor .sentence", has_text=text)
    sentence.click()
    sentence.evaluate(
        "element => { const range = document.createRange(); range.selectNodeContents(element);"
        " const selection = window.getSelection(); selection.removeAllRanges();"
        " selection.addRange(range); }"
    )
    page.keyboard.press("Backspace")


def test_a_deleted_drug_is_listed_and_one_click_adds_it_back(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    sign_in(page, murmur)
    new_patient_visit(page)
    store_visit(murmur, re.sub(r".*#session=", "", page.url))
    open_the_visit_again(page)
    listed = page.locator("#unaddressed-list li")
    state = page.locator("#unaddressed-state")
    expect(state).to_have_text("Every key fact said in the visit is in the note.")
    expect(listed).to_have_count(0)

    delete_sentence(page, DRUG)
    expect(page.locator("#note-editor")).not_to_contain_text("Albuterol")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text("Medication")
    expect(listed.first).to_contain_text("albuterol")
    expect(listed.first).to_contain_text("albuterol inhaler")  # the words said, quoted
    expect(state).to_have_text(
        "1 key fact said in the visit is not in the note. Click one to add it."
    )
    screens.shoot(page, "dropped-drug-listed")

    add = page.get_by_role("button", name=re.compile(r"^Add to the note: Medication, albuterol"))
    add.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#note-editor p.added")).to_contain_text("Albuterol")
    expect(listed).to_have_count(0)
    expect(state).to_have_text("Every key fact said in the visit is in the note.")
    expect(page.get_by_role("button", name="Sign off")).to_be_enabled()
    screens.shoot(page, "drug-added-back")
    assert console.errors == []
