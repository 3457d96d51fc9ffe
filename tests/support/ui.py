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


async def open_screen(app, pilot, key: str) -> None:
    """From the first screen, once it has settled: `key` opens a screen (s settings, c companies, ...)."""
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)


async def open_directory_picker(app, pilot, query: str):
    """From the first screen, the directory picker ('p') with `query` typed: its results table."""
    await open_screen(app, pilot, "p")
    await pilot.press(*query)
    await settle(app, pilot)
    return app.screen.query_one("#dir-results")


def focused_deadline(app):
    """The dashboard's deadlines table, focused, and the id of the request under its cursor."""
    table = app.screen.query_one("#deadlines")
    table.focus()
    return table, table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
