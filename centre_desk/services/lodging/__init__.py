"""Lodging: rooms and beds, the bed board, assignment and moves, presence (sĩ số), leave passes, the
stay-limit clock and occupancy figures.

* `service` — LodgingService: every user action (access control, one transaction, one audit row);
* `rules` — the stay limit by date and the room rules, free of the database;
* `rooms` — rooms, beds and their states; the bed board;  `placement` — assignment, moves, keep-apart links;
* `census` — presence, leave passes, the census of any moment;  `stay` — the stay clock and extensions;
* `occupancy` — bed-nights, occupancy and length of stay for a period;  `papers` — the roll-call sheet and
  the printed bed board;  `common` — labels, ages and names shared by the modules above;
* `dto` — what screens, papers and the command line receive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from centre_desk.services.lodging.service import ROLL_CALL_TIME, LodgingService

__all__ = ["ROLL_CALL_TIME", "LodgingService"]


def __getattr__(name: str) -> object:
    """The service is imported when first asked for: `common`, `census` and the papers load without it."""
    if name in __all__:
        from centre_desk.services.lodging import service

        return getattr(service, name)
    raise AttributeError(name)
