#!/usr/bin/env bash
# `make run`: the demo council on this machine, at http://127.0.0.1:8000.
#
#   bash scripts/run-demo.sh     (make run calls this once the venv and the page assets are installed)
#
# NOLAN_MODE=demo: SQLite at var/nolan.sqlite3. Creates or updates the tables, builds the demo council
# if the database has none (an existing one is kept, with whatever you changed), starts a local mail
# sink on 127.0.0.1:1025 (every e-mail Nolan sends is written to var/mail.log) and the background
# worker (var/worker.log), prints the sign-ins, then runs the web server in the foreground.
# Ctrl-C stops the server, and the worker and the mail sink with it. Delete var/ to start afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
HOST=127.0.0.1
PORT=8000
SMTP_PORT=1025
URL="http://$HOST:$PORT"

if [[ ${NOLAN_MODE:-demo} != demo ]]; then
	echo "run-demo.sh: NOLAN_MODE is ${NOLAN_MODE}; the demo runs with NOLAN_MODE=demo only." >&2
	exit 1
fi
export NOLAN_MODE=demo
# The links in the demo's e-mails (var/mail.log) open the server this script starts.
export NOLAN_SITE_URL=$URL
export PYTHONUNBUFFERED=1

if [[ ! -x $BIN/nolan || ! -x $BIN/gunicorn ]]; then
	echo "run-demo.sh: the virtual environment is not installed; run 'make run' (or 'make install')." >&2
	exit 1
fi

# Is anything listening on HOST:PORT already?
port_taken() {
	"$BIN/python" - "$1" <<-'EOF'
		import socket, sys
		with socket.socket() as probe:
		    probe.settimeout(0.5)
		    sys.exit(0 if probe.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
	EOF
}

if port_taken "$PORT"; then
	echo "run-demo.sh: port $PORT on $HOST is already in use, so Nolan cannot start there." >&2
	echo "  Is the demo already running (try $URL)? Otherwise stop whatever is using the port:" >&2
	echo "  'ss -ltnp sport = :$PORT' or 'lsof -i :$PORT' shows what it is." >&2
	exit 1
fi

mkdir -p var

echo "==> Creating or updating the database tables (var/nolan.sqlite3)"
"$BIN/nolan" migrate --no-input -v 0

echo "==> The demo council"
"$BIN/nolan" demo --if-empty

PIDS=()
stop_all() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if port_taken "$SMTP_PORT"; then
	echo "==> Something already listens on $HOST:$SMTP_PORT; Nolan's e-mail goes there (no mail sink started)"
else
	echo "==> Mail sink on $HOST:$SMTP_PORT: every e-mail Nolan sends is written to var/mail.log"
	"$BIN/python" -m aiosmtpd -n -l "$HOST:$SMTP_PORT" >>var/mail.log 2>&1 &
	PIDS+=($!)
fi

echo "==> Background worker (var/worker.log)"
"$BIN/nolan" worker >>var/worker.log 2>&1 &
PIDS+=($!)

sleep 1
for pid in "${PIDS[@]}"; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "run-demo.sh: a helper process stopped at once; see var/mail.log and var/worker.log." >&2
		exit 1
	fi
done

cat <<-EOF

	==> Nolan is at $URL   (sign in with a persona above; Ctrl-C stops everything)
	    The code for staff sign-ins: .venv/bin/nolan demo code
	    The sign-ins again:          .venv/bin/nolan demo sign-ins

EOF

# Started in the background and waited for, so that Ctrl-C or a TERM to this script runs the traps at
# once: the EXIT trap stops the server, the worker and the mail sink, whichever way the script ends.
"$BIN/gunicorn" nolan.config.wsgi -b "$HOST:$PORT" --workers 2 --threads 4 &
PIDS+=($!)
wait "$!"
