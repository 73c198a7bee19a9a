#!/usr/bin/env bash
# Set up centre_desk on a fresh Debian/Ubuntu machine (Python >= 3.11), then:
#   installer/dev.sh run [ARGS...]  install, then start the program (ARGS go to centre-desk)
#   installer/dev.sh test [ARGS...] install, then run every check and test on SQLite and PostgreSQL
#                                  (ARGS go to pytest)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
shift || true

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

RUN_PKGS="python3 python3-venv python3-pip fonts-liberation2 fonts-dejavu-core
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1"
TEST_PKGS="$RUN_PKGS postgresql poppler-utils xvfb xauth x11-utils xdotool imagemagick"

apt_install() {
  # shellcheck disable=SC2086
  if ! dpkg -s $1 >/dev/null 2>&1; then
    echo "== installing system packages"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $1 >/dev/null
  fi
}

python_env() {
  if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv"
    python3 -m venv .venv
  fi
  echo "== installing Python packages"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$1]"
}

start_postgres() {
  # A throw-away cluster on loopback, gone when this script ends.
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local port
  port=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  PGTMP=$(mktemp -d /tmp/centre-desk-pg.XXXXXX)
  PGAS=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGTMP"; PGAS=(runuser -u postgres --); fi
  "${PGAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U app -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${PGAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGTMP -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null
  trap stop_postgres EXIT
  export TEST_DATABASE_URL="postgresql+psycopg://app@127.0.0.1:$port/postgres"
  echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  local rc=$?
  "${PGAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
  exit "$rc"
}

case "$mode" in
  run)
    apt_install "$RUN_PKGS"
    python_env run
    exec .venv/bin/centre-desk "$@"
    ;;
  test)
    apt_install "$TEST_PKGS"
    python_env test
    start_postgres
    export QT_QPA_PLATFORM=offscreen CENTRE_DESK_REQUIRE_PG=1
    echo "== ruff";  .venv/bin/ruff check centre_desk tests && .venv/bin/ruff format --check centre_desk tests
    echo "== mypy";  .venv/bin/mypy
    # One pytest worker per core (PYTEST_WORKERS=0: all in this process); every test has its own temporary
    # folder, keyring and PostgreSQL database, so the workers share nothing.
    echo "== pytest"; .venv/bin/python -m pytest -q -p no:randomly -n "${PYTEST_WORKERS:-auto}" "$@"
    ;;
  *)
    echo "usage: installer/dev.sh run|test [ARGS...]" >&2
    exit 2
    ;;
esac
