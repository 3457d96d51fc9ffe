"""Driving the Textual app under Pilot."""

from __future__ import annotations

import random


async def settle(app, pilot, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up; a few rounds, since a worker's result can start another."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()


class SeededSecrets:
    """Stands in for `secrets` in core.models: ids and reference numbers the same on every run (snapshots)."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def token_hex(self, n: int) -> str:
        return "".join(f"{self._rng.randrange(256):02x}" for _ in range(n))

    def choice(self, seq):
        return self._rng.choice(seq)
