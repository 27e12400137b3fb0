"""What the clinician sees when things go wrong: a refused microphone, wrong credentials, a
sign-in that must be renewed, and a network that drops mid-visit (chunks wait in the page and
all arrive later)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, Playwright, Request, Response, Route, expect

from tests.web.conftest import (
    ConsoleLog,
    Murmur,
    Screens,
    launch_chromium,
    open_page,
    serve,
)
from tests.web.test_visit_in_browser import (
    assert_no_secret_is_stored,
    new_patient_visit,
    sign_in,
)

API = "/api/v2/ml-scribe/open-api"


@pytest.fixture(scope="module")
def murmur(tmp_path_factory: pytest.TempPathFactory, model_cache_dir: Path) -> Iterator[Murmur]:
    # Nothing here needs a transcript: an API-only server stores the audio and never loads a model.
    with serve(tmp_path_factory.mktemp("murmur"), model_cache_dir, workers=0) as running:
        yield running


def test_refused_microphone_is_explained_and_nothing_is_recorded(
    playwright: Playwright,
    spoken_visit: Path,
    murmur: Murmur,
    console: ConsoleLog,
    screens: Screens,
) -> None:
    browser = launch_chromium(playwright, spoken_visit, allow_microphone=False)
    try:
        page = open_page(browser, murmur, console, microphone=False)
        started: list[str] = []
        page.on(
            "request",
            lambda request: (
                started.append(request.url)
                if "restful-segment-transcription" in request.url
                else None
            ),
        )
        sign_in(page, murmur)
        new_patient_visit(page)
        page.get_by_role("button", name="Record", exact=True).click()
        alert = page.get_by_role("alert").filter(has_text="Microphone access was refused")
        expect(alert).to_be_visible()
        expect(page.get_by_role("button", name="Record", exact=True)).to_be_enabled()
        expect(page.get_by_role("button", name="End recording")).to_be_disabled()
        screens.shoot(page, "microphone-refused")
        assert started == []
        assert console.errors == []
    finally:
        browser.close()


def test_wrong_api_key_is_refused_with_a_message(
    page: Page, murmur: Murmur, console: ConsoleLog
) -> None:
    page.goto("/")
    # By keyboard alone: the page opens with the key field focused.
    expect(page.get_by_label("API key", exact=True)).to_be_focused()
    page.keyboard.type("not-a-key")
    page.keyboard.press("Tab")
    page.keyboard.type("dr.okafor@riverside.example")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Sign-in failed")
    expect(page.locator("#workspace")).to_be_hidden()
    # The browser itself logs the refused request; the page adds nothing of its own.
    assert all("401" in error for error in console.errors), console.errors


def test_wrong_client_secret_is_refused_with_a_message(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    page.goto("/")
    # By keyboard alone: back to the tabs, the arrow key picks client credentials.
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("tab", name="Email and API key")).to_be_focused()
    page.keyboard.press("ArrowRight")
    client_tab = page.get_by_role("tab", name="Client credentials")
    expect(client_tab).to_be_focused()
    expect(client_tab).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("API key", exact=True)).to_be_hidden()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Client ID")).to_be_focused()
    page.keyboard.type(murmur.client_id)
    page.keyboard.press("Tab")
    page.keyboard.type("not-the-secret")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Sign-in failed")
    expect(page.get_by_role("alert")).to_contain_text("client_secret")
    expect(page.locator("#workspace")).to_be_hidden()
    screens.shoot(page, "client-secret-refused")
    assert all("401" in error for error in console.errors), console.errors


def test_api_key_sign_in_is_renewed_before_its_token_expires(
    page: Page, murmur: Murmur, console: ConsoleLog
) -> None:
    # The page's clock is run forward to just before the hour-long token would expire.
    page.clock.install()
    sign_in(page, murmur)
    expect(page.locator("#visit-list li").first).to_be_visible()  # its first load is done
    stored_token = "JSON.parse(sessionStorage.getItem('murmur.auth')).token"
    first_token = page.evaluate(stored_token)
    with page.expect_response(lambda r: "/jwt?" in r.url) as renewal:
        page.clock.fast_forward("58:30")
    assert renewal.value.ok
    assert renewal.value.request.headers["heidi-api-key"] == murmur.api_key
    page.wait_for_function(f"first => {stored_token} !== first", arg=first_token, polling=100)
    linked = "/sessions/linked-user"
    with page.expect_response(lambda r: r.url.split("?")[0].endswith(linked)) as used:
        page.get_by_role("button", name="Refresh recent visits").click()
    assert used.value.ok
    sent = used.value.request.headers["authorization"]
    assert sent.startswith("Bearer ")
    assert sent != f"Bearer {first_token}"
    expect(page.locator("#account-name")).to_have_text("dr.okafor@riverside.example")
    assert_no_secret_is_stored(page, murmur.api_key)
    assert console.errors == []


def test_a_reloaded_page_stays_signed_in_until_its_token_ends_then_asks_again(
    page: Page, murmur: Murmur, console: ConsoleLog
) -> None:
    page.clock.install()
    sign_in(page, murmur)
    page.reload()
    # The token survives the reload (this tab only); the credentials, kept in memory, do not.
    expect(page.locator("#workspace")).to_be_visible()
    page.get_by_role("button", name="Refresh recent visits").click()
    page.clock.fast_forward("59:58")
    expect(page.locator("#signin-view")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("sign in again")
    expect(page.get_by_label("API key", exact=True)).to_be_focused()
    assert console.errors == []


def _live_chunks(murmur: Murmur, session_id: str) -> list[dict[str, object]]:
    with httpx.Client(base_url=f"{murmur.base_url}{API}", timeout=30) as api:
        token = api.get(
            "/jwt",
            params={"email": "dr.okafor@riverside.example", "third_party_internal_id": "x"},
            headers={"Heidi-Api-Key": murmur.api_key},
        ).json()["token"]
        live = api.get(
            f"/sessions/{session_id}/transcript/live",
            headers={"Authorization": f"Bearer {token}"},
        )
        chunks: list[dict[str, object]] = live.json()["chunks"]
        return chunks


def test_chunks_recorded_offline_wait_in_the_page_and_all_arrive_when_it_is_back(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    acknowledged: list[int] = []
    failed: list[str] = []

    def on_response(response: Response) -> None:
        if response.url.endswith(":transcribe") and response.ok:
            acknowledged.append(response.json()["index"])

    def on_failure(request: Request) -> None:
        if request.url.endswith(":transcribe"):
            failed.append(request.failure or "")

    page.on("response", on_response)
    page.on("requestfailed", on_failure)
    sign_in(page, murmur, chunk_seconds=2)
    new_patient_visit(page)
    page.get_by_role("button", name="Record", exact=True).click()
    upload_state = page.locator("#upload-state")
    expect(upload_state).to_have_text("All recorded audio is uploaded.", timeout=30_000)

    page.context.set_offline(True)
    expect(page.locator("#banner")).to_contain_text("You are offline")
    expect(upload_state).to_contain_text("network connection lost", timeout=30_000)
    page.wait_for_function(
        "/([2-9]|\\d\\d) chunks waiting/.test(document.getElementById('upload-state').textContent)",
        timeout=30_000,
    )
    screens.shoot(page, "offline-chunks-waiting")

    # Pausing stops the clock; resuming starts it again.
    page.get_by_role("button", name="Pause").click()
    paused_at = page.text_content("#timer")
    page.wait_for_timeout(1_500)
    assert page.text_content("#timer") == paused_at
    page.get_by_role("button", name="Resume").click()
    expect(page.locator("#timer")).not_to_have_text(paused_at or "", timeout=5_000)

    page.context.set_offline(False)
    expect(upload_state).to_have_text("All recorded audio is uploaded.", timeout=60_000)
    page.get_by_role("button", name="End recording").click()
    expect(page.locator("#recorder-state")).to_contain_text("Recording uploaded", timeout=30_000)
    expect(upload_state).to_have_text("All recorded audio is uploaded.")
    screens.shoot(page, "back-online-all-uploaded")

    assert failed, "no upload was attempted while offline"
    session_id = re.sub(r".*#session=", "", page.url)
    indexes = sorted(int(str(chunk["index"])) for chunk in _live_chunks(murmur, session_id))
    assert indexes == list(range(len(indexes)))
    assert sorted(set(acknowledged)) == indexes
    assert len(indexes) >= 4
    assert all("ERR_INTERNET_DISCONNECTED" in error for error in console.errors), console.errors


def test_chunks_still_waiting_when_the_page_is_reloaded_are_sent_by_the_new_page(
    page: Page, murmur: Murmur, console: ConsoleLog, screens: Screens
) -> None:
    refused: list[str] = []

    def unreachable(route: Route) -> None:
        refused.append(route.request.url)
        route.abort("connectionfailed")

    sign_in(page, murmur, chunk_seconds=2)
    new_patient_visit(page)
    page.route(re.compile(r".*:transcribe$"), unreachable)
    page.get_by_role("button", name="Record", exact=True).click()
    page.wait_for_function(
        "/([3-9]|\\d\\d) chunks waiting/.test(document.getElementById('upload-state').textContent)",
        timeout=30_000,
    )
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()

    # Same tab: still signed in, the visit reopens, and the new page sends what the old one kept.
    expect(page.locator("#workspace")).to_be_visible()
    banner = page.locator("#banner")
    expect(banner).to_contain_text("uploading them now")
    kept = int(re.sub(r"\D.*", "", banner.text_content() or ""))
    assert kept >= 3
    screens.shoot(page, "reloaded-with-chunks-waiting")
    page.unroute(re.compile(r".*:transcribe$"))
    expect(page.locator("#recorder-state")).to_contain_text("Recording uploaded", timeout=60_000)
    expect(page.locator("#upload-state")).to_have_text("All recorded audio is uploaded.")

    session_id = re.sub(r".*#session=", "", page.url)
    indexes = sorted(int(str(chunk["index"])) for chunk in _live_chunks(murmur, session_id))
    assert refused
    assert indexes == list(range(kept))
    assert all("net::ERR_" in error for error in console.errors), console.errors
