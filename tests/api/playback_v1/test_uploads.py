from __future__ import annotations

import hashlib
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi.testclient import TestClient

from murmur.audio.models import ChunkStatus
from murmur.audio.repository import chunks_of
from murmur.services import Services
from tests.builders import create_note, new_caller, upload


def _chunk(services: Services, note_id: str, position: int = 0) -> tuple[str, int | None, str]:
    with services.transactions.writing() as session:
        chunk = chunks_of(session, encounter_id=uuid.UUID(note_id))[position]
        return chunk.status, chunk.size_bytes, chunk.object_key


def test_upload_is_stored_durably_and_recorded(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    data = b"RIFF" + bytes(range(256)) * 40
    upload(client, created["url"], data)
    status, size, key = _chunk(services, created["id"])
    assert (status, size) == (ChunkStatus.RECEIVED, len(data))
    stored = services.store.local_path(key).read_bytes()
    assert hashlib.sha256(stored).digest() == hashlib.sha256(data).digest()
    leftovers = [p.name for p in services.store.local_path(key).parent.iterdir()]
    assert leftovers == [services.store.local_path(key).name]


def test_tampered_signature_is_403(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    url = create_note(client, caller)["url"]
    tampered = url[:-4] + ("0000" if not url.endswith("0000") else "1111")
    response = client.put(tampered, content=b"abc", headers={"Content-Type": "audio/wav"})
    assert response.status_code == 403
    assert "signature" in response.json()["error"]["message"]


def test_url_for_another_slot_is_403(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    url = create_note(client, caller, audioChunkCount=2)["urls"][0]
    other_slot = url.replace("/0?", "/1?")
    response = client.put(other_slot, content=b"abc", headers={"Content-Type": "audio/wav"})
    assert response.status_code == 403


def test_expired_url_is_403(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    note_id = create_note(client, caller)["id"]
    path = f"/uploads/{note_id}/0"
    signed = services.signer.sign(
        method="PUT", path=path, lifetime_seconds=60, now=time.time() - 3600
    )
    response = client.put(signed, content=b"abc", headers={"Content-Type": "audio/wav"})
    assert response.status_code == 403
    assert "expired" in response.json()["error"]["message"]


def test_unsigned_url_is_403(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    note_id = create_note(client, caller)["id"]
    response = client.put(f"/uploads/{note_id}/0", content=b"abc")
    assert response.status_code == 403


def test_non_audio_content_type_is_415(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    response = client.put(
        created["url"], content=b"{}", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 415
    assert _chunk(services, created["id"])[0] == ChunkStatus.AWAITING


def test_oversize_upload_is_413_and_stores_nothing(client: TestClient, services: Services) -> None:
    services.settings.max_upload_bytes = 1000
    caller = new_caller(services, client)
    created = create_note(client, caller)

    def body() -> bytes:
        return b"x" * 5000

    # Without a Content-Length the limit is enforced while the bytes stream in.
    response = client.put(
        created["url"], content=iter([body()]), headers={"Content-Type": "audio/wav"}
    )
    assert response.status_code == 413
    status, _, key = _chunk(services, created["id"])
    assert status == ChunkStatus.AWAITING
    assert not services.store.local_path(key).parent.exists() or not any(
        services.store.local_path(key).parent.iterdir()
    )
    declared = client.put(created["url"], content=body(), headers={"Content-Type": "audio/wav"})
    assert declared.status_code == 413


def test_upload_after_finish_is_409(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    upload(client, created["url"], b"first")
    assert (
        client.post(f"/v1/notes/{created['id']}/finish", headers=caller.headers).status_code == 200
    )
    response = client.put(created["url"], content=b"late", headers={"Content-Type": "audio/wav"})
    assert response.status_code == 409
    assert services.store.local_path(_chunk(services, created["id"])[2]).read_bytes() == b"first"


def test_signed_query_is_bound_to_the_path(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    first = create_note(client, caller)
    second = create_note(client, caller)
    query = parse_qs(urlsplit(first["url"]).query)
    foreign = f"/uploads/{second['id']}/0?" + urlencode({k: v[0] for k, v in query.items()})
    response = client.put(foreign, content=b"abc", headers={"Content-Type": "audio/wav"})
    assert response.status_code == 403
