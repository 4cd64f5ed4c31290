"""A rate limit counted in cost units: one token bucket per key, kept in memory.

Each key (an API key's id, or an anonymous client's address) may spend ``per_minute`` cost units a minute:
its bucket holds at most that many and refills continuously at ``per_minute / 60`` a second. A request
costing more than the bucket holds is refused with the seconds to wait; nothing is taken from the bucket
then. The buckets live in one process: behind several workers each counts on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Per-key token buckets; ``per_minute`` of 0 (or less) lets everything through."""

    # Past this many buckets, the full ones (keys idle for a minute or more) are forgotten.
    MAX_IDLE_BUCKETS = 10_000

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def take(self, key: str, cost: int) -> float | None:
        """Spend ``cost`` units of ``key``'s bucket; None when allowed, else the seconds to wait."""
        if self.per_minute <= 0:
            return None
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            self._forget_idle(now)
            bucket = self._buckets[key] = _Bucket(tokens=float(self.per_minute), at=now)
        rate = self.per_minute / 60.0
        bucket.tokens = min(float(self.per_minute), bucket.tokens + (now - bucket.at) * rate)
        bucket.at = now
        if cost <= bucket.tokens:
            bucket.tokens -= cost
            return None
        return (cost - bucket.tokens) / rate

    def _forget_idle(self, now: float) -> None:
        if len(self._buckets) < self.MAX_IDLE_BUCKETS:
            return
        rate = self.per_minute / 60.0
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.at) * rate >= self.per_minute]
        for key in full:
            del self._buckets[key]
