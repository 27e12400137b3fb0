"""The web app's files as the server ships them: the page, its assets and their headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from murmur.app import create_app
from murmur.settings import Settings
from murmur.web.router import STATIC_DIR


@pytest.fixture
def web(tmp_path: Path) -> TestClient:
    # Static files need no database: the lifespan (migrations, workers) is not started.
    app = create_app(Settings(data_dir=tmp_path, in_process_workers=0))
    return TestClient(app)


def test_page_is_served_at_the_root_with_a_strict_content_policy(web: TestClient) -> None:
    response = web.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Murmur" in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "microphone=(self)" in response.headers["permissions-policy"]


def test_every_asset_the_page_and_its_modules_load_is_served(web: TestClient) -> None:
    page = web.get("/").text
    wanted = set(re.findall(r'(?:src|href)="(/web/[^"]+)"', page))
    assert {"/web/app.css", "/web/js/app.js"} <= wanted
    seen: set[str] = set()
    while wanted:
        path = wanted.pop()
        seen.add(path)
        response = web.get(path)
        assert response.status_code == 200, path
        if path.endswith(".js"):
            assert "javascript" in response.headers["content-type"], path
            for module in re.findall(r'from "\./([^"]+)"', response.text):
                imported = f"/web/js/{module}"
                if imported not in seen:
                    wanted.add(imported)
    shipped = {f"/web/js/{path.name}" for path in (STATIC_DIR / "js").glob("*.js")}
    assert shipped <= seen, f"modules nothing imports: {shipped - seen}"


def test_page_talks_only_to_the_public_heidi_api(web: TestClient) -> None:
    sources = "".join(path.read_text() for path in (STATIC_DIR / "js").glob("*.js"))
    fetched = set(re.findall(r"fetch\(`([^`$]*)", sources))
    assert fetched == {""}, fetched  # every fetch URL is built from API_BASE
    assert 'API_BASE = "/api/v2/ml-scribe/open-api"' in sources
    assert "/v1/" not in sources


def test_missing_asset_is_404_and_paths_cannot_escape_the_static_folder(web: TestClient) -> None:
    assert web.get("/web/js/nope.js").status_code == 404
    assert web.get("/web/../router.py").status_code == 404
    assert web.get("/web/%2e%2e/router.py").status_code == 404
