"""Failed sign-ins per caller: refused once over the limit, until the oldest failure ages out."""

from __future__ import annotations

import pytest

from murmur.auth.throttle import SignInThrottle
from murmur.errors import TooManyAttempts, Unauthenticated


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _fail(throttle: SignInThrottle, caller: str) -> None:
    with pytest.raises(Unauthenticated), throttle.attempt(caller):
        raise Unauthenticated("wrong secret")


def _succeed(throttle: SignInThrottle, caller: str) -> None:
    with throttle.attempt(caller):
        pass


def test_a_caller_over_the_limit_is_refused_until_the_oldest_failure_ages_out() -> None:
    clock = Clock()
    throttle = SignInThrottle(max_failures=3, window_seconds=60, clock=clock)
    for _ in range(3):
        _fail(throttle, "10.0.0.7")
        clock.now += 10

    with pytest.raises(TooManyAttempts) as refused:
        _succeed(throttle, "10.0.0.7")
    assert refused.value.retry_after == 30  # the first failure ages out 60 s after it
    _succeed(throttle, "10.0.0.8")  # another caller is not affected

    clock.now += 30
    _succeed(throttle, "10.0.0.7")


def test_a_success_clears_the_count() -> None:
    throttle = SignInThrottle(max_failures=2, window_seconds=60, clock=Clock())
    _fail(throttle, "10.0.0.7")
    _succeed(throttle, "10.0.0.7")
    _fail(throttle, "10.0.0.7")
    _succeed(throttle, "10.0.0.7")  # one failure since the success: still under the limit


def test_errors_other_than_a_refused_credential_do_not_count() -> None:
    throttle = SignInThrottle(max_failures=1, window_seconds=60, clock=Clock())
    with pytest.raises(ValueError, match="database down"), throttle.attempt("10.0.0.7"):
        raise ValueError("database down")
    _succeed(throttle, "10.0.0.7")
