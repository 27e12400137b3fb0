"""The page reads the server's answers exactly as the server writes them: a note the server
stores, with a sentence its note writer flagged unsupported, is shown with exactly that sentence
marked; an answer in any other shape is reported, naming the endpoint and the field, instead of
being shown half."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from murmur.db import Transactions, make_engine, make_session_factory
from murmur.encounters.models import Encounter
from murmur.notes import service as notes
from murmur.notes.domain import NoteSection, NoteSentence, WrittenNote
from murmur.notes.generation import NoteOptions
from murmur.settings import Settings
from tests.web.conftest import ConsoleLog, Murmur, Screens, serve
from tests.web.test_visit_in_browser import new_patient_visit, open_the_visit_again, sign_in

# As the LLM note writer leaves a sentence that no transcript segment backs.
INVENTED = "Chest X-ray showed pneumonia."
NOTE = WrittenNote(
    title="Clinical note",
    engine="llm",
    sections=(
        NoteSection(
            "subjective",
            "Subjective",
            (
                NoteSentence("Cough for five days.", evidence=(0,)),
                NoteSentence(INVENTED, evidence=(), unsupported=True),
            ),
        ),
        NoteSection(
            "assessment", "Assessment", (NoteSentence("Acute bronchitis.", evidence=(1,)),)
        ),
    ),
)


@pytest.fixture(scope="module")
def murmur(tmp_path_factory: pytest.TempPathFactory, model_cache_dir: Path) -> Iterator[Murmur]:
    # No transcript is needed: an API-only server never loads a speech model.
    with serve(tmp_path_factory.mktemp("murmur"), model_cache_dir, workers=0) as running:
        yield running


def open_session_id(page: Page) -> str:
    return re.sub(r".*#session=", "", page.url)


def store_note(murmur: Murmur, session_id: str, written: WrittenNote) -> None:
    """Stores ``written`` as the session's consult note in the running server's database, as
    the server does once its note writer has written it."""
    settings = Settings(
        data_dir=Path(murmur.env["MURMUR_DATA_DIR"]),
        database_url=murmur.env.get("MURMUR_DATABASE_URL"),
    )
    engine = make_engine(settings.resolved_database_url)
    try:
        with Transactions(make_session_factory(engine)).writing() as session:
            encounter = session.get(Encounter, uuid.UUID(session_id))
            assert encounter is not None
            request = notes.prepare_note(session, encounter=encounter, options=NoteOptions())
            notes.save_consult_note(session, request=request, written=written)
    finally:
        engine.dispose()


def visit_with_note(page: Page, murmur: Murmur) -> str:
    sign_in(page, murmur)
    new_patient_visit(page)
    session_id = open_session_id(page)
    store_note(murmur, session_id, NOTE)
    return session_id


def test_the_sentence_the_server_flags_unsupported_is_the_one_marked(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    visit_with_note(page, murmur)
    open_the_visit_again(page)
    note = page.locator("#note-editor")
    expect(note.locator(".sentence")).to_have_count(3)
    expect(note.locator("h3")).to_have_text(["Subjective", "Assessment"])
    flagged = note.locator(".sentence.unsupported")
    expect(flagged).to_have_count(1)
    expect(flagged).to_have_text(INVENTED)
    expect(page.locator("#note-state")).to_contain_text("1 sentence was not found")
    screens.shoot(page, "unsupported-sentence-marked")
    assert console.errors == []


def test_a_session_in_an_unexpected_shape_is_reported_with_the_endpoint_and_field(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    session_id = visit_with_note(page, murmur)

    def without_first_sentence_text(route: Route) -> None:
        response = route.fetch()
        body = response.json()
        del body["consult_note"]["structure"]["sections"][0]["sentences"][0]["text"]
        route.fulfill(response=response, json=body)

    page.route(re.compile(rf".*/sessions/{session_id}$"), without_first_sentence_text)
    page.locator("#visit-list .pick", has_text="Maria Garcia").first.click()
    expect(page.locator("#banner")).to_have_text(
        "That visit could not be opened: the answer to GET /sessions/{session_id} is not what "
        "this page expects: consult_note.structure.sections[0].sentences[0].text is missing"
    )
    expect(page.locator("#note-editor .sentence")).to_have_count(0)
    screens.shoot(page, "malformed-session-reported")
    assert console.errors == []


def test_a_note_stream_in_an_unexpected_shape_is_reported_with_the_endpoint_and_line(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    sign_in(page, murmur)
    new_patient_visit(page)
    session_id = open_session_id(page)

    def text_under_another_name(route: Route) -> None:
        lines = '{"data": "## Subjective\\n"}\n{"text": "Cough for five days."}\n'
        route.fulfill(status=200, content_type="application/x-ndjson", body=lines)

    page.route(re.compile(rf".*/sessions/{session_id}/consult-note$"), text_under_another_name)
    page.get_by_role("button", name="Write note").click()
    expect(page.locator("#banner")).to_have_text(
        "The note was not written: the answer to POST /sessions/{session_id}/consult-note "
        "(line 2) is not what this page expects: data is missing"
    )
    screens.shoot(page, "malformed-note-stream-reported")
    assert console.errors == []
