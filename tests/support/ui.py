"""Driving the Textual app under Pilot."""

from __future__ import annotations


async def settle(app, pilot, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up; a few rounds, since a worker's result can start another."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
