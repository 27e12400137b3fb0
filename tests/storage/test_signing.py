from __future__ import annotations

import pytest

from murmur.errors import Forbidden
from murmur.storage.signing import UrlSigner

SIGNER = UrlSigner(key=b"k" * 32)


def _parts(signed: str) -> tuple[str, str, str]:
    path, query = signed.split("?")
    params = dict(item.split("=") for item in query.split("&"))
    return path, params["expires"], params["signature"]


def test_a_signed_url_verifies() -> None:
    path, expires, signature = _parts(SIGNER.sign(method="PUT", path="/u/1", lifetime_seconds=60))
    SIGNER.verify(method="PUT", path=path, expires=expires, signature=signature)


@pytest.mark.parametrize(
    ("method", "path", "bump_expiry"),
    [("GET", "/u/1", 0), ("PUT", "/u/2", 0), ("PUT", "/u/1", 1000)],
    ids=["other-method", "other-path", "extended-expiry"],
)
def test_any_change_breaks_the_signature(method: str, path: str, bump_expiry: int) -> None:
    _, expires, signature = _parts(SIGNER.sign(method="PUT", path="/u/1", lifetime_seconds=60))
    with pytest.raises(Forbidden, match="signature"):
        SIGNER.verify(
            method=method, path=path, expires=str(int(expires) + bump_expiry), signature=signature
        )


def test_another_key_cannot_sign() -> None:
    forged = UrlSigner(key=b"z" * 32).sign(method="PUT", path="/u/1", lifetime_seconds=60)
    path, expires, signature = _parts(forged)
    with pytest.raises(Forbidden):
        SIGNER.verify(method="PUT", path=path, expires=expires, signature=signature)


def test_expired_is_refused() -> None:
    signed = SIGNER.sign(method="PUT", path="/u/1", lifetime_seconds=60, now=1000.0)
    path, expires, signature = _parts(signed)
    with pytest.raises(Forbidden, match="expired"):
        SIGNER.verify(method="PUT", path=path, expires=expires, signature=signature, now=1061.0)
