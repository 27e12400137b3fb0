"""Failed sign-ins per caller, counted in a sliding window.

Each secret check is an argon2id verification (tens of milliseconds and 64 MiB), so a flood of
wrong credentials is a way to exhaust the server; after ``max_failures`` failures in the window
a caller is refused at once, before anything is verified, until the oldest failure ages out.
A success clears the caller's count. Counts live in the process (each ``murmur serve`` keeps its
own), which bounds the work one process does, the resource at stake.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from murmur.errors import TooManyAttempts, Unauthenticated

# Callers tracked at most; the stalest are forgotten first, so spoofed keys cannot grow memory.
MAX_TRACKED = 10_000


class SignInThrottle:
    def __init__(
        self,
        *,
        max_failures: int,
        window_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @contextmanager
    def attempt(self, caller: str) -> Iterator[None]:
        """Wraps one sign-in: refused with ``TooManyAttempts`` while the caller is over the
        limit; an ``Unauthenticated`` inside counts as a failure, a clean exit as a success."""
        self._check(caller)
        try:
            yield
        except Unauthenticated:
            self._fail(caller)
            raise
        with self._lock:
            self._failures.pop(caller, None)

    def _recent(self, caller: str, now: float) -> deque[float]:
        failures = self._failures.get(caller, deque())
        while failures and failures[0] <= now - self.window_seconds:
            failures.popleft()
        return failures

    def _check(self, caller: str) -> None:
        now = self._clock()
        with self._lock:
            failures = self._recent(caller, now)
            if len(failures) < self.max_failures:
                return
            wait = failures[0] + self.window_seconds - now
        raise TooManyAttempts(
            f"too many failed sign-ins from this client; try again in {math.ceil(wait)} s",
            retry_after=max(1, math.ceil(wait)),
        )

    def _fail(self, caller: str) -> None:
        now = self._clock()
        with self._lock:
            failures = self._recent(caller, now)
            failures.append(now)
            self._failures.pop(caller, None)
            self._failures[caller] = failures  # newest last, so the stalest go first
            while len(self._failures) > MAX_TRACKED:
                del self._failures[next(iter(self._failures))]
