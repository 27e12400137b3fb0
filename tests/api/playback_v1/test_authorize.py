from __future__ import annotations

import time

from fastapi.testclient import TestClient

from murmur.auth.throttle import SignInThrottle
from murmur.auth.tokens import Principal, TokenService
from murmur.services import Services
from tests.builders import new_caller
from tests.contract import assert_playback_response


def test_valid_credentials_get_a_token_that_opens_the_api(
    client: TestClient, services: Services
) -> None:
    caller = new_caller(services, client)
    response = client.post(
        "/v1/authorize", json={"clientId": caller.client_id, "secret": caller.secret}
    )
    assert response.status_code == 200
    assert_playback_response("/authorize", "post", response.json())
    token = response.json()["idToken"]
    listed = client.get("/v1/notes", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200


def test_wrong_secret_is_401(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    response = client.post("/v1/authorize", json={"clientId": caller.client_id, "secret": "nope"})
    assert response.status_code == 401
    assert response.json()["success"] is False
    assert "secret" in response.json()["message"]


def test_unknown_client_is_401(client: TestClient) -> None:
    response = client.post("/v1/authorize", json={"clientId": "pbc_unknown", "secret": "x"})
    assert response.status_code == 401


def test_missing_secret_names_the_field(client: TestClient) -> None:
    response = client.post("/v1/authorize", json={"clientId": "pbc_x"})
    assert response.status_code == 400
    assert response.json()["field"] == "secret"


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/v1/authorize", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]


def test_missing_token_is_401(client: TestClient) -> None:
    response = client.get("/v1/notes")
    assert response.status_code == 401
    assert "Bearer" in response.json()["message"]


def test_forged_token_is_401(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    forger = TokenService(key=b"not-the-server-key-" * 3, lifetime_seconds=3600)
    forged, _ = forger.issue(Principal(caller.tenant_id, caller.tenant_id, "playback-v1"))
    response = client.get("/v1/notes", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert "not valid" in response.json()["message"]


def test_expired_token_is_401(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    issuer = services.tokens
    principal = services.tokens.verify(caller.headers["Authorization"][7:], audience="playback-v1")
    expired, _ = issuer.issue(principal, now=time.time() - issuer.lifetime_seconds - 60)
    response = client.get("/v1/notes", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_token_for_another_api_is_401(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    principal = services.tokens.verify(caller.headers["Authorization"][7:], audience="playback-v1")
    heidi_token, _ = services.tokens.issue(
        Principal(principal.tenant_id, principal.provider_id, "heidi-v2")
    )
    response = client.get("/v1/notes", headers={"Authorization": f"Bearer {heidi_token}"})
    assert response.status_code == 401


def test_garbage_token_is_401(client: TestClient) -> None:
    response = client.get("/v1/notes", headers={"Authorization": "Bearer abc.def.ghi"})
    assert response.status_code == 401


def test_repeated_wrong_secrets_are_refused_with_429_and_retry_after(
    client: TestClient, services: Services
) -> None:
    caller = new_caller(services, client)
    services.sign_ins = SignInThrottle(max_failures=3, window_seconds=300)
    for _ in range(3):
        wrong = client.post("/v1/authorize", json={"clientId": caller.client_id, "secret": "no"})
        assert wrong.status_code == 401

    refused = client.post(
        "/v1/authorize", json={"clientId": caller.client_id, "secret": caller.secret}
    )
    assert refused.status_code == 429, refused.text
    assert refused.json()["success"] is False
    assert refused.json()["error"] == "too_many_requests"
    assert "try again in" in refused.json()["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 300
