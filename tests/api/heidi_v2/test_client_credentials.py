"""POST /jwt (a Murmur extension): client credentials buy the same Heidi token as GET /jwt."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from murmur.services import Services
from murmur.tenancy import service as tenancy
from tests.api.heidi_v2.builders import HEIDI, assert_heidi_error, heidi_login
from tests.builders import new_caller
from tests.contract import assert_heidi_response


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str
    api_key: str
    tenant_id: uuid.UUID


@pytest.fixture
def credentials(services: Services) -> Credentials:
    with services.transactions.writing() as session:
        tenant = tenancy.create_tenant(session, name="Riverside Clinic")
        issued = tenancy.create_client(session, tenant=tenant, email="dr.okafor@riverside.example")
        api_key = tenancy.create_api_key(session, tenant=tenant)
        tenant_id = tenant.id
    return Credentials(issued.public_id, issued.secret, api_key, tenant_id)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_client_credentials_buy_a_heidi_token_for_the_clients_clinician(
    client: TestClient, services: Services, credentials: Credentials
) -> None:
    response = client.post(
        f"{HEIDI}/jwt",
        json={"client_id": credentials.client_id, "client_secret": credentials.client_secret},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert_heidi_response("/jwt", "get", body)
    assert body["email"] == "dr.okafor@riverside.example"
    assert datetime.fromisoformat(body["expiration_time"]).timestamp() > time.time()

    # Same clinician as the API key sign-in with that email: the session shows up in both lists.
    created = client.post(f"{HEIDI}/sessions", json={}, headers=_bearer(body["token"])).json()
    by_key = heidi_login(
        client,
        credentials.tenant_id,
        credentials.api_key,
        email="dr.okafor@riverside.example",
        internal_id="ehr-9",
    )
    listed = client.get(f"{HEIDI}/sessions/linked-user", headers=by_key.headers).json()
    assert [s["session_id"] for s in listed["data"]] == [created["session_id"]]


def test_wrong_secret_or_unknown_client_is_401_in_heidi_shape(
    client: TestClient, credentials: Credentials
) -> None:
    for client_id, secret in (
        (credentials.client_id, credentials.client_secret[:-3] + "xyz"),
        ("pbc_unknown", credentials.client_secret),
    ):
        response = client.post(
            f"{HEIDI}/jwt", json={"client_id": client_id, "client_secret": secret}
        )
        assert_heidi_error(response, 401, "AuthenticationError")
        assert "client_secret" in response.json()["detail"]["msg"]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"client_id": "pbc_x"}, "client_secret: is required"),
        ({"clientId": "pbc_x", "secret": "s"}, "clientId: unknown field"),
        ({"client_id": "", "client_secret": "s"}, "client_id"),
        ("not an object", "body"),
    ],
)
def test_malformed_body_is_400_naming_the_field(
    client: TestClient, body: object, named: str
) -> None:
    response = client.post(f"{HEIDI}/jwt", json=body)
    assert_heidi_error(response, 400, "ValidationError")
    assert named in response.json()["detail"]["msg"]


def test_body_that_is_not_json_is_400(client: TestClient) -> None:
    response = client.post(
        f"{HEIDI}/jwt", content=b"client_id=x", headers={"Content-Type": "application/json"}
    )
    assert_heidi_error(response, 400, "ValidationError")
    assert "not valid JSON" in response.json()["detail"]["msg"]


def test_the_same_credentials_open_heidi_only_through_post_jwt(
    client: TestClient, services: Services
) -> None:
    playback = new_caller(services, client)
    refused = client.get(f"{HEIDI}/sessions/linked-user", headers=playback.headers)
    assert_heidi_error(refused, 401, "AuthenticationError")
    token = client.post(
        f"{HEIDI}/jwt", json={"client_id": playback.client_id, "client_secret": playback.secret}
    ).json()["token"]
    opened = client.get(f"{HEIDI}/sessions/linked-user", headers=_bearer(token))
    assert opened.status_code == 200, opened.text
