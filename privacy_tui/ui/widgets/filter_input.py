"""A filter field above a list: Down moves into the list, Enter (or Space while empty) ticks its highlighted row.

The wizard and the directory picker start with the focus here, so typed letters filter at once,
and a newcomer's first Space or Enter ticks the highlighted company instead of going nowhere.
A space typed after some text is part of the query ("deutsche bahn").
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    # A priority binding runs before the next key is handed out, and set_focus moves the focus at
    # once (Widget.focus waits a turn): a Space typed right after Down reaches the list.
    BINDINGS = [Binding("down", "into_list", "Into the list", show=False, priority=True)]

    class Tick(Message):
        """Tick (or untick) the list's highlighted row."""

    def __init__(self, *, list_id: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.list_id = list_id

    def action_into_list(self) -> None:
        self.screen.set_focus(self.screen.query_one(f"#{self.list_id}"))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "space" and not self.value.strip():
            event.stop()
            event.prevent_default()
            self.post_message(self.Tick())
        # Otherwise Input's own handler runs next (Textual calls each class's handler in turn).

    async def action_submit(self) -> None:
        # Enter ticks the highlighted row (the best match) and keeps the focus here for the next name.
        self.post_message(self.Tick())
