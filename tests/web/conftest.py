"""A real ``murmur serve`` and the Debian Chromium driven by Playwright, its microphone fed from a
spoken WAV through Chromium's fake capture device."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, sync_playwright

from tests.fixtures.audio import fixture_path
from tests.serving import murmur_env, run_json, serving

CHROMIUM = Path(os.environ.get("MURMUR_TEST_CHROMIUM", "/usr/bin/chromium"))
# Screenshots of each step, kept after the run for a person to look at (git-ignored).
OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "web"


CLINICIAN = "dr.okafor@riverside.example"
# The shortest token lifetime Murmur allows: a whole visit outlives several tokens.
SHORT_TOKEN_SECONDS = 60


@dataclass(frozen=True)
class Murmur:
    base_url: str
    api_key: str
    client_id: str
    client_secret: str
    env: dict[str, str]
    log: Path


@contextmanager
def serve(
    tmp_path: Path, model_cache_dir: Path, *, workers: int, token_seconds: int = 3600
) -> Iterator[Murmur]:
    """``murmur serve`` on a free port with a tenant, its Heidi API key and client credentials
    for ``CLINICIAN``; ``workers=0`` for an API-only process that stores audio but never loads
    the speech model."""
    env = murmur_env(
        tmp_path,
        model_cache_dir,
        IN_PROCESS_WORKERS=str(workers),
        TOKEN_LIFETIME_SECONDS=str(token_seconds),
    )
    tenant = run_json(["admin", "create-tenant", "--name", "Riverside Clinic"], env)["tenantId"]
    api_key = run_json(["admin", "create-api-key", "--tenant", tenant], env)["apiKey"]
    client = run_json(["admin", "create-client", "--tenant", tenant, "--email", CLINICIAN], env)
    log = tmp_path / "serve.log"
    with serving(env, log) as base:
        yield Murmur(
            base_url=base,
            api_key=api_key,
            client_id=client["clientId"],
            client_secret=client["secret"],
            env=env,
            log=log,
        )


@pytest.fixture
def murmur(tmp_path: Path, model_cache_dir: Path) -> Iterator[Murmur]:
    with serve(tmp_path, model_cache_dir, workers=1, token_seconds=SHORT_TOKEN_SECONDS) as running:
        yield running


@pytest.fixture(scope="session")
def spoken_visit() -> Path:
    return fixture_path("bronchitis_visit.wav")


def launch_chromium(playwright: Playwright, audio: Path, *, allow_microphone: bool) -> Browser:
    """Headless Debian Chromium whose microphone plays ``audio``; the page is granted the
    microphone, or (``allow_microphone=False``) refused it as a clinician clicking Block would."""
    if not CHROMIUM.is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (.ci/run does)")
    args = [
        "--use-fake-device-for-media-stream",
        # %noloop: the visit is spoken once, then the microphone hears silence.
        f"--use-file-for-fake-audio-capture={audio}%noloop",
        "--autoplay-policy=no-user-gesture-required",
    ]
    if allow_microphone:
        args.append("--use-fake-ui-for-media-stream")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)


@pytest.fixture
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


@pytest.fixture
def browser(playwright: Playwright, spoken_visit: Path) -> Iterator[Browser]:
    launched = launch_chromium(playwright, spoken_visit, allow_microphone=True)
    try:
        yield launched
    finally:
        launched.close()


@dataclass
class ConsoleLog:
    """Every console error and uncaught exception the page produced."""

    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.message}")


@dataclass
class Screens:
    folder: Path
    taken: list[Path] = field(default_factory=list)

    def shoot(self, page: Page, name: str) -> None:
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)


@pytest.fixture
def screens(request: pytest.FixtureRequest) -> Screens:
    folder = OUTPUT_DIR / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Screens(folder)


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


def open_page(
    browser: Browser, murmur: Murmur, console: ConsoleLog, *, microphone: bool = True
) -> Page:
    context = browser.new_context(
        base_url=murmur.base_url,
        viewport={"width": 1366, "height": 900},
        permissions=["clipboard-read", "clipboard-write", *(["microphone"] if microphone else [])],
        # Playwright's wait_for_function evaluates its predicate, which the page's policy forbids.
        bypass_csp=True,
    )
    opened = context.new_page()
    opened.on("console", console.on_console)
    opened.on("pageerror", console.on_page_error)
    return opened


@pytest.fixture
def page(browser: Browser, murmur: Murmur, console: ConsoleLog, screens: Screens) -> Iterator[Page]:
    opened = open_page(browser, murmur, console)
    try:
        yield opened
        screens.shoot(opened, "end")
    finally:
        opened.context.close()
