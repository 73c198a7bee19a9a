"""Demo data: a separate, clearly marked database full of realistic but invented residents.

* `marker` — is this a demo? (light: the program and the papers ask it);
* `create` — `create_demo` and `populate`, the generator; `data` and `maker` — the invented people;
* `papers` — register lines for the demo's papers, so its outgoing-document register looks lived in;
* `lodging` (with `lodging_beds`, `lodging_presence`) — 40 beds and 14 months of who slept where, leave and
  presence, the stay-limit clocks: a living centre;
* `health` (with `health_care`, `health_medicines`, `health_text`) — the nurse's year, written by the demo's
  nurse "yta": intake checks, nursing notes with NEWS2, medicines and doses, tests, referrals.

Only the marker is imported here; the generator is imported from its module when it is wanted.
"""

from centre_desk.services.demo.marker import DEMO_KEY, FOLDER_NOTE, is_demo, is_demo_folder, is_demo_session

__all__ = ["DEMO_KEY", "FOLDER_NOTE", "is_demo", "is_demo_folder", "is_demo_session"]
