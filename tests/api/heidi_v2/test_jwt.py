"""GET /jwt: the tenant's API key and the EHR user's identity buy a bearer token."""

from __future__ import annotations

from fastapi.testclient import TestClient

from murmur.auth.throttle import SignInThrottle
from murmur.services import Services
from tests.api.heidi_v2.builders import (
    HEIDI,
    assert_heidi_error,
    heidi_login,
    new_heidi_caller,
)
from tests.builders import new_caller


def _jwt(client: TestClient, key: str | None, email: str = "gp@clinic.example") -> object:
    headers = {"Heidi-Api-Key": key} if key is not None else {}
    return client.get(
        f"{HEIDI}/jwt",
        params={"email": email, "third_party_internal_id": "ehr-42"},
        headers=headers,
    )


def test_token_opens_the_surface_and_names_the_provider(
    client: TestClient, services: Services
) -> None:
    caller = new_heidi_caller(services, client, email="gp@clinic.example")
    response = client.get(f"{HEIDI}/sessions/linked-user", headers=caller.headers)
    assert response.status_code == 200, response.text


def test_missing_key_is_401_in_heidi_shape(client: TestClient) -> None:
    response = client.get(
        f"{HEIDI}/jwt", params={"email": "gp@clinic.example", "third_party_internal_id": "x"}
    )
    assert_heidi_error(response, 401, "AuthenticationError")


def test_wrong_key_is_401(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    forged = caller.api_key[:-4] + "AAAA"
    for key in (forged, "not-a-key", "mk_unknown_secret"):
        response = client.get(
            f"{HEIDI}/jwt",
            params={"email": "gp@clinic.example", "third_party_internal_id": "x"},
            headers={"Heidi-Api-Key": key},
        )
        assert_heidi_error(response, 401, "AuthenticationError")


def test_missing_email_is_400(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    response = client.get(
        f"{HEIDI}/jwt",
        params={"third_party_internal_id": "x"},
        headers={"Heidi-Api-Key": caller.api_key},
    )
    assert_heidi_error(response, 400, "ValidationError")


def test_bad_email_is_400(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    response = client.get(
        f"{HEIDI}/jwt",
        params={"email": "no-at-sign", "third_party_internal_id": "x"},
        headers={"Heidi-Api-Key": caller.api_key},
    )
    assert_heidi_error(response, 400, "ValidationError")


def test_calls_without_or_with_a_foreign_token_are_401(
    client: TestClient, services: Services
) -> None:
    caller = new_heidi_caller(services, client)
    assert_heidi_error(client.get(f"{HEIDI}/sessions/linked-user"), 401, "AuthenticationError")
    garbage = {"Authorization": "Bearer not.a.jwt"}
    response = client.get(f"{HEIDI}/sessions/linked-user", headers=garbage)
    assert_heidi_error(response, 401, "AuthenticationError")
    assert caller.headers != garbage


def test_playback_tokens_do_not_open_heidi(client: TestClient, services: Services) -> None:
    playback = new_caller(services, client)
    response = client.get(f"{HEIDI}/sessions/linked-user", headers=playback.headers)
    assert_heidi_error(response, 401, "AuthenticationError")


def test_same_pair_is_the_same_provider(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client, email="gp@clinic.example", internal_id="u1")
    again = heidi_login(
        client, caller.tenant_id, caller.api_key, email="GP@clinic.example", internal_id="u1"
    )
    colleague = heidi_login(
        client, caller.tenant_id, caller.api_key, email="nurse@clinic.example", internal_id="u2"
    )
    created = client.post(f"{HEIDI}/sessions", json={}, headers=caller.headers).json()
    listed_again = client.get(f"{HEIDI}/sessions/linked-user", headers=again.headers).json()
    listed_colleague = client.get(f"{HEIDI}/sessions/linked-user", headers=colleague.headers).json()
    assert [s["session_id"] for s in listed_again["data"]] == [created["session_id"]]
    assert listed_colleague["data"] == []


def test_repeated_wrong_keys_or_secrets_are_refused_with_429(
    client: TestClient, services: Services
) -> None:
    caller = new_heidi_caller(services, client)
    services.sign_ins = SignInThrottle(max_failures=2, window_seconds=300)
    identity = {"email": "gp@clinic.example", "third_party_internal_id": "ehr-42"}
    wrong_key = client.get(
        f"{HEIDI}/jwt", params=identity, headers={"Heidi-Api-Key": "mk_unknown_secret"}
    )
    assert_heidi_error(wrong_key, 401, "AuthenticationError")
    wrong_client = client.post(f"{HEIDI}/jwt", json={"client_id": "pbc_x", "client_secret": "no"})
    assert_heidi_error(wrong_client, 401, "AuthenticationError")

    refused = client.get(f"{HEIDI}/jwt", params=identity, headers={"Heidi-Api-Key": caller.api_key})
    assert_heidi_error(refused, 429, "TooManyRequestsError")
    assert int(refused.headers["Retry-After"]) >= 1
