"""Issue 15 item 2: every paper ≤ 2× a minimal reportlab document of the same text, measured in the same run.

Run:  .venv/bin/python -m tests.benchmarks.bench_papers [--rounds 7] [--residents 60] [--db postgresql+psycopg://…]

Builds a demo (keys in an in-memory keyring), signs in as its manager and, for each paper kind — the admission
papers, the health summary, the care plan, the payment list of last month and the five discharge papers — finds a
resident the paper can be printed for, then times, interleaved round by round in one process:

* the paper: the service call the command line and the screens make (permission, queries, the register's number
  the first time and a copy after it, the audit row, the PDF) — what a person waits for;
* its floor: the text of that very PDF (read back with pypdf) set as one paragraph per line in a minimal reportlab
  document (SimpleDocTemplate, the fonts already registered), built to bytes — in the same faces as the paper
  (the lines take the faces the paper embeds in turn: a paper with bold and italic words embeds three or four
  subsets of Liberation Serif, and each costs its subsetting and compression in the floor as in the paper).

Prints each median, the floor's median, the ratio and met / not met (goal ≤ 2×), the ratio of CPU times (steadier
when other work shares the machine), and the load average; the first
paper of the process (reportlab's import and the fonts' registration included) is printed apart. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import keyring

from centre_desk.errors import CentreDeskError
from centre_desk.security.actor import Actor
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.demo.create import create_demo
from centre_desk.services.installation import Centre, Options, open_centre
from centre_desk.services.registry import RegistryFilter
from tests.support.memory_keyring import MemoryKeyring
from tests.support.pdf import fonts, text

PASSWORD = "mật khẩu đo hiệu năng 2026"
GOAL = 2.0
DISCHARGE = ("discharge-decision", "handover", "case-summary", "belongings-return", "discharge-application")
Paper = Callable[[str], bytes]


def papers(centre: Centre, actor: Actor) -> dict[str, Paper]:
    """Each paper kind, as a function of a resident code (the payment list ignores it)."""
    last = date.today().replace(day=1) - timedelta(days=1)

    def document(kind: str) -> Paper:
        return lambda code: centre.documents.issue_by_code(actor, kind, code).pdf

    def discharge(kind: str) -> Paper:
        return lambda code: centre.discharge_papers.issue_by_code(actor, kind, code).pdf

    found: dict[str, Paper] = {
        kind: document(kind) for kind in ("admission-decision", "admission-record", "belongings-receipt")
    }
    found["health-summary"] = lambda code: centre.health_papers.summary_pdf_by_code(actor, code, issue=True).pdf
    found["care-plan"] = lambda code: centre.care_plan_papers.plan_pdf_by_code(actor, code, issue=True).pdf
    found["payment-list"] = lambda _code: (
        centre.payment_papers.list_pdf(actor, last.replace(day=1), last, issue=True).pdf
    )
    found.update({kind: discharge(kind) for kind in DISCHARGE})
    return found


def faces(path: Path) -> list[str]:
    """The registered names of the faces a PDF embeds ("AAAAAA+LiberationSerif-Bold" -> "CD-Serif-Bold")."""
    from centre_desk.reports.fonts import register_fonts

    serif, sans = register_fonts()
    names = {"LiberationSerif": serif, "LiberationSans": sans}
    found = [name.split("+")[-1].split("-") for name, embedded in fonts(path).items() if embedded]
    return sorted("-".join([names.get(parts[0], parts[0]), *parts[1:]]) for parts in found) or [serif]


def floor_document(lines: list[str], faces: list[str]) -> bytes:
    """The minimal reportlab document of the same text: one paragraph a line, in the paper's faces in turn."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = [ParagraphStyle(f"floor{i}", fontName=face, fontSize=13, leading=16) for i, face in enumerate(faces)]
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph(escape(line), styles[i % len(styles)]) for i, line in enumerate(lines)])
    return out.getvalue()


def timed(work: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def cpu(work: Callable[[], bytes]) -> float:
    """The CPU time `work` takes in this process: steadier than the wall clock on a loaded machine (the wall
    clock also counts the fsync of the paper's commit, which the CPU time leaves out)."""
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--residents", type=int, default=60)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="cd-bench-papers-") as tmp:
        data = Path(tmp) / "demo"
        hasher = Passwords(cheap_hasher())  # the sign-in is not what is measured here
        create_demo(data, PASSWORD, args.residents, db=args.db, passwords=hasher)
        centre = open_centre(Options(data, args.db, ask_passphrase=lambda _c: PASSWORD, passwords=hasher))
        try:
            run(centre, centre.accounts.authenticate("demo", PASSWORD), args.rounds, Path(tmp))
        finally:
            centre.close()


def run(centre: Centre, actor: Actor, rounds: int, folder: Path) -> None:
    listing = io.StringIO()
    centre.registry.export_csv(actor, RegistryFilter(), listing)
    codes = [line.split(",")[0] for line in listing.getvalue().splitlines()[1:]]
    chosen: dict[str, tuple[Paper, str, list[str], list[str]]] = {}
    first: tuple[str, float] | None = None
    for name, paper in papers(centre, actor).items():
        for code in codes:
            try:
                seconds, pdf = timed(lambda paper=paper, code=code: paper(code))  # type: ignore[misc]
            except CentreDeskError:
                continue  # not for this resident (no plan yet, not discharged …): the next one
            first = first or (name, seconds)
            path = folder / f"{name}.pdf"
            path.write_bytes(pdf)
            chosen[name] = (paper, code, [line for line in text(path).splitlines() if line.strip()], faces(path))
            break
    times: dict[str, list[float]] = {name: [] for name in chosen}
    floors: dict[str, list[float]] = {name: [] for name in chosen}
    cpus: dict[str, list[float]] = {name: [] for name in chosen}
    floor_cpus: dict[str, list[float]] = {name: [] for name in chosen}
    for _round in range(rounds):
        for name, (paper, code, lines, used) in chosen.items():  # interleaved: other load hits both alike
            times[name].append(timed(lambda paper=paper, code=code: paper(code))[0])  # type: ignore[misc]
            floors[name].append(timed(lambda lines=lines, used=used: floor_document(lines, used))[0])  # type: ignore[misc]
            cpus[name].append(cpu(lambda paper=paper, code=code: paper(code)))  # type: ignore[misc]
            floor_cpus[name].append(cpu(lambda lines=lines, used=used: floor_document(lines, used)))  # type: ignore[misc]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"papers, {rounds} rounds, {os.cpu_count()} CPUs, load average {load}")
    if first is not None:
        print(f"  first paper of the process ({first[0]}, reportlab and fonts loaded): {first[1] * 1000:.0f} ms")
    for name in chosen:
        paper_ms, floor_ms = statistics.median(times[name]) * 1000, statistics.median(floors[name]) * 1000
        ratio = paper_ms / floor_ms
        cpu_ratio = statistics.median(cpus[name]) / statistics.median(floor_cpus[name])
        verdict = "met" if ratio <= GOAL else "NOT MET"
        print(
            f"  {name:<22} {paper_ms:7.1f} ms   floor {floor_ms:6.1f} ms   × floor {ratio:4.2f}   "
            f"(goal ≤ {GOAL:.0f}×) {verdict}   CPU × floor {cpu_ratio:4.2f}   {len(chosen[name][3])} faces"
        )
    for name in papers(centre, actor):
        if name not in chosen:
            print(f"  {name:<22} no resident of the demo has this paper: not measured")


if __name__ == "__main__":
    main()
