"""A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes, logs or tests)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``advance(n)`` as work is done; ``close()`` at the end. ``total`` may be unknown (None)."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self._enabled = self._stream.isatty()
        self._start = time.monotonic()
        self._last_draw = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self._enabled and now - self._last_draw >= 0.1:
            self._last_draw = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self._start, 1e-9)
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            text = f"{self.label} [{bar:<30}] {self.done}/{self.total} ({rate:,.0f}/s)"
        else:
            text = f"{self.label} {self.done:,} ({rate:,.0f}/s)"
        self._stream.write("\r" + text)
        self._stream.flush()

    def close(self) -> None:
        if self._enabled:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()
