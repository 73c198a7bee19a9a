"""The real program in a real X11 session (Xvfb, 1366×768, the xcb platform plugin), driven from outside.

Offscreen tests cannot see what the office PC sees: a missing xcb library, a window that opens larger than
the screen, a sign-in that never reaches the main window. Here the installed `centre-desk` starts on a
database in passphrase mode (no keyring service on a bare X server), the sign-in window is typed into with
xdotool, and the main window must appear inside the screen. CI installs Xvfb, xdotool, x11-utils and
ImageMagick (installer/dev.sh); elsewhere the test is skipped. With REAL_WINDOW_SHOTS=DIR the screens are
saved there as PNG, to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MANAGER_PASSWORD

SCREEN = (1366, 768)
TOOLS = ("Xvfb", "xdotool", "xwininfo", "import")
pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or any(shutil.which(t) is None for t in TOOLS),
    reason="needs Xvfb, xdotool, x11-utils and ImageMagick (installed by installer/dev.sh test)",
)


@pytest.fixture
def display() -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def _windows(display: str) -> list[tuple[str, int, int, int, int]]:
    """(title, x, y, width, height) of every mapped top-level window with a title."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-children"], env=_env(display), capture_output=True, text=True, check=True
    ).stdout
    found = []
    for line in tree.splitlines():
        match = re.search(r'0x[0-9a-f]+ "(.+)": .*?(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s+\+(-?\d+)\+(-?\d+)', line)
        if match:
            title = match.group(1)
            width, height = int(match.group(2)), int(match.group(3))
            x, y = int(match.group(6)), int(match.group(7))
            found.append((title, x, y, width, height))
    return found


def _wait_for(display: str, pattern: str, seconds: float = 60) -> tuple[str, int, int, int, int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for window in _windows(display):
            if re.search(pattern, window[0]):
                return window
        time.sleep(0.2)
    raise AssertionError(f"no window matching {pattern!r}; seen: {[w[0] for w in _windows(display)]}")


def _shot(display: str, name: str) -> None:
    folder = os.environ.get("REAL_WINDOW_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", "root", str(Path(folder) / f"{name}.png")], env=_env(display), check=True)


def test_the_program_signs_in_and_fits_a_real_1366x768_screen(tmp_path: Path, display: str) -> None:
    data, secret = tmp_path / "data", tmp_path / "passphrase.txt"
    secret.write_text("cụm mật khẩu của máy văn phòng\n", encoding="utf-8")
    common = [sys.executable, "-m", "centre_desk", "--data-dir", str(data), "--passphrase-file", str(secret)]
    subprocess.run(
        [*common, "init", "--manager", "giamdoc", "--full-name", "Nguyễn Thị Hường", "--centre",
         "Trung tâm Công tác xã hội tỉnh Lai Châu", "--password-stdin"],
        input=MANAGER_PASSWORD + "\n", text=True, env=_env(display), check=True, capture_output=True,
    )  # fmt: skip
    program = subprocess.Popen(common, env=_env(display), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        title, x, y, width, height = _wait_for(display, "Đăng nhập")
        assert x >= 0 and y >= 0 and x + width <= SCREEN[0] and y + height <= SCREEN[1], title
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Đăng nhập"],
                                env=_env(display), check=True, capture_output=True, text=True, timeout=30)  # fmt: skip
        subprocess.run(["xdotool", "windowfocus", "--sync", window.stdout.split()[0]], env=_env(display), check=True)
        time.sleep(1.5)  # the first paint and the focus in the login field (slower beside other test workers)
        _shot(display, "real-sign-in")
        subprocess.run(["xdotool", "type", "--delay", "40", "giamdoc"], env=_env(display), check=True)
        subprocess.run(["xdotool", "key", "Tab"], env=_env(display), check=True)
        subprocess.run(["xdotool", "type", "--delay", "40", MANAGER_PASSWORD], env=_env(display), check=True)
        subprocess.run(["xdotool", "key", "Return"], env=_env(display), check=True)
        main = _wait_for(display, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        time.sleep(1.0)  # the first paint of every page
        _shot(display, "real-main-window")
        _title, x, y, width, height = main
        assert x >= 0 and y >= 0 and x + width <= SCREEN[0] and y + height <= SCREEN[1], main
        assert program.poll() is None, program.stdout.read() if program.stdout else ""
    finally:
        program.terminate()
        try:
            program.wait(15)
        except subprocess.TimeoutExpired:
            program.kill()
