"""The night roll-call sheet and the printed bed board with 200 beds, and the occupancy figures over 10 years.

Run:  .venv/bin/python -m tests.benchmarks.bench_lodging_papers [--beds 200] [--years 10] [--rounds 10] [--db postgresql+psycopg://…]

Builds an encrypted installation, bulk-inserts `--years` of lodging history (tests/support/lodging_data.py: rooms
of four beds, about 75 % full), then times, in the same run:

* floors: a one-line reportlab PDF, and the same paper laid out from data already in memory (reports/lodging.py
  alone: what the layout costs whatever the database);
* `LodgingService.roll_call_pdf` and `board_pdf` (the access check, the census or the board, the layout, the audit
  row) and their ratio to both floors;
* `LodgingService.occupancy` over the last 30 days, one year and the whole history (statements sent, rows of
  history read).

Prints the median and the worst in ms; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import keyring
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import event, func, select

from centre_desk.models.base import utcnow
from centre_desk.models.lodging import BedStay
from centre_desk.models.staff import Role
from centre_desk.reports.lodging import render_board, render_roll_call
from centre_desk.reports.marks import PageMarks
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise
from centre_desk.services.lodging import ROLL_CALL_TIME, board, census, papers
from centre_desk.services.lodging.common import local_day, local_moment
from tests.support.lodging_data import bulk_lodging
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "mật khẩu đo hiệu năng 2026"


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    fn()  # warm
    times = []
    for _ in range(rounds):
        begun = time.perf_counter()
        fn()
        times.append((time.perf_counter() - begun) * 1000)
    return statistics.median(times), max(times)


def one_line_pdf() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 72, "Danh sách")
    canvas.save()
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--beds", type=int, default=200)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Văn An", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        built = time.perf_counter()
        start = bulk_lodging(centre, args.beds, args.years)
        with centre.sessions() as s:
            stays = s.scalar(select(func.count()).select_from(BedStay))
        print(f"{centre.engine.dialect.name}: {args.beds} beds, {args.years:g} years, {stays} bed stays "
              f"(built in {time.perf_counter() - built:.1f} s)")  # fmt: skip
        lodging = centre.lodging
        now = utcnow()
        today = local_day(now)
        with centre.read_sessions() as s:  # the papers' input, once, for the layout floor
            taken = census.census(s, today, min(local_moment(today, ROLL_CALL_TIME), now), True)
            sheet = papers.roll_call_sheet(s, taken)
            paper = papers.board_paper(s, board.board(s, True, None, now))
        listed = sum(len(r.lines) for r in sheet.rooms) + len(sheet.unplaced)
        pdf = lodging.roll_call_pdf(actor)
        print(f"roll-call: {listed} residents in {len(sheet.rooms)} rooms, {len(pdf) // 1024} KiB; "
              f"board: {sum(len(r.beds) for r in paper.rooms)} beds")  # fmt: skip

        floor, _ = timed(one_line_pdf, args.rounds)
        print(f"{'floor: a one-line reportlab PDF':44} median {floor:7.1f} ms")
        rows: list[tuple[str, Callable[[], object], float]] = []
        roll_layout, _ = timed(lambda: render_roll_call(sheet, PageMarks()), args.rounds)
        board_layout, _ = timed(lambda: render_board(paper, PageMarks()), args.rounds)
        print(f"{'floor: roll-call laid out from memory':44} median {roll_layout:7.1f} ms")
        print(f"{'floor: bed board laid out from memory':44} median {board_layout:7.1f} ms")
        rows += [
            ("roll_call_pdf (tonight)", lambda: lodging.roll_call_pdf(actor), roll_layout),
            ("board_pdf (now)", lambda: lodging.board_pdf(actor), board_layout),
        ]
        for name, fn, layout in rows:
            median, worst = timed(fn, args.rounds)
            ratios = f"{median / floor:5.1f} × the one-line PDF, {median / layout:4.2f} × its layout alone"
            print(f"{name:44} median {median:7.1f} ms, worst {worst:7.1f} ms   {ratios}")

        statements = [0]

        def count(*_args: Any) -> None:
            statements[0] += 1

        event.listen(centre.engine, "before_cursor_execute", count)
        first = local_day(start)
        for name, since in (("30 days", today - timedelta(days=29)), ("1 year", today - timedelta(days=364)),
                            (f"{args.years:g} years", first)):  # fmt: skip
            statements[0] = 0
            found = lodging.occupancy(actor, since, today)
            sent = statements[0]
            median, worst = timed(lambda since=since: lodging.occupancy(actor, since, today), args.rounds)  # type: ignore[misc]
            print(f"occupancy over {name:>10}: median {median:7.1f} ms, worst {worst:7.1f} ms, {sent} statements, "
                  f"{found.nights} nights, {found.total.bed_nights} bed-nights, "
                  f"{found.total.occupancy_pct} %, {found.admissions} admissions")  # fmt: skip
        centre.close()


if __name__ == "__main__":
    main()
