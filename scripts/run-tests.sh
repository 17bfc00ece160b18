#!/usr/bin/env bash
# `make test`: lint, then the whole suite on SQLite and again on PostgreSQL, and a closing summary.
#
#   bash scripts/run-tests.sh                   run every step (make test calls this after `make install`)
#   bash scripts/run-tests.sh system-packages   install what Debian must provide and is missing: Node.js
#                                               and npm, PostgreSQL, Chromium (make test calls this first;
#                                               needs root, as in CI)
#
# PostgreSQL: set TEST_DATABASE_URL (postgres://user@host:port/name, a role that may create databases)
# to use a server you already run; otherwise scripts/postgres.sh starts a private cluster on 127.0.0.1
# for this run and it is stopped and deleted when the script ends, however it ends.
#
# Every step runs even when an earlier one fails, so one run shows every problem; the script exits
# non-zero if any step failed. Extra arguments go to both pytest runs (e.g. `-x`, `-k enquiries`).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

export NOLAN_MODE=test
BIN=.venv/bin

system_packages() {
	local missing=()
	command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
	if [[ -z ${TEST_DATABASE_URL:-} ]] && ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
		missing+=(postgresql)
	fi
	[[ -x /usr/bin/chromium ]] || missing+=(chromium)
	[[ ${#missing[@]} -eq 0 ]] && return 0
	if [[ $(id -u) -ne 0 ]]; then
		echo "run-tests.sh: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
		return 1
	fi
	echo "run-tests.sh: installing ${missing[*]} from the Debian packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
}

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1fs", b - a }'; }

if [[ ${1:-} == system-packages ]]; then
	started=$EPOCHREALTIME
	system_packages
	status=$?
	echo "run-tests.sh: system packages ready in $(elapsed "$started")"
	exit $status
fi

# Steps ------------------------------------------------------------------------------------------------

STEPS=()   # one line per step for the closing summary
FAILED=()  # names of the steps that failed
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/nolan-test-logs.XXXXXX")
PG_DIR=""  # the private cluster this run started, if any
STARTED=$EPOCHREALTIME

# step NAME COMMAND...: run it, time it, remember how it went.
step() {
	local name=$1 started status
	shift
	printf '\n\033[1m==> %s\033[0m\n' "$name"
	started=$EPOCHREALTIME
	"$@"
	status=$?
	record "$name" "$status" "$(elapsed "$started")"
	return "$status"
}

record() {
	local name=$1 status=$2 took=$3 note=${4:-}
	if [[ $status -eq 0 ]]; then
		STEPS+=("$(printf '  ok      %-32s %8s  %s' "$name" "$took" "$note")")
	else
		STEPS+=("$(printf '  FAILED  %-32s %8s  %s' "$name" "$took" "$note")")
		FAILED+=("$name")
	fi
	printf '==> %s: %s in %s\n' "$name" "$([[ $status -eq 0 ]] && echo ok || echo "FAILED (exit $status)")" "$took"
}

# pytest_step NAME LOG [ENV=VALUE...] -- PYTEST ARGS: pytest's own output stays as it is; its closing
# line ("N passed in Ts") is repeated in the summary. Exit 5 (no tests collected) counts as a failure.
pytest_step() {
	local name=$1 log=$LOGS/$2 started status note environment=()
	shift 2
	while [[ $1 != -- ]]; do
		environment+=("$1")
		shift
	done
	shift
	printf '\n\033[1m==> %s\033[0m\n' "$name"
	started=$EPOCHREALTIME
	local color=()
	[[ -t 1 ]] && color=(--color=yes)
	env "${environment[@]}" "$BIN/pytest" -q "${color[@]}" "$@" 2>&1 | tee -i "$log"
	status=${PIPESTATUS[0]}
	note=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^=* ?([0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)|no tests ran).* in [0-9.]+s' | tail -n 1 | sed -e 's/^=* *//' -e 's/ *=*$//')
	[[ $status -eq 5 ]] && note="no tests were collected"
	record "$name" "$status" "$(elapsed "$started")" "$note"
	return "$status"
}

cleanup() {
	if [[ -n $PG_DIR ]]; then
		bash scripts/postgres.sh stop "$PG_DIR"
		PG_DIR=""
	fi
	rm -rf "$LOGS"
}
trap cleanup EXIT
trap 'echo "run-tests.sh: interrupted" >&2; exit 130' INT
trap 'echo "run-tests.sh: terminated" >&2; exit 143' TERM

# Lint -------------------------------------------------------------------------------------------------

step "ruff check" "$BIN/ruff" check src tests bench
step "ruff format --check" "$BIN/ruff" format --check src tests bench
# The layers, no cycles, no borrowed private names, no unexplained imports inside functions
# ([tool.importlinter] in pyproject.toml; two of its contract types are in scripts/import_contracts.py).
step "import contracts" env PYTHONPATH=scripts "$BIN/lint-imports" --no-cache
# Models changed without a migration fail here. An in-memory database, so no file appears in var/.
step "migrations committed" env DATABASE_URL="sqlite://:memory:" "$BIN/nolan" makemigrations --check --dry-run

# The suite on SQLite ----------------------------------------------------------------------------------

pytest_step "pytest on SQLite" sqlite.log -u DATABASE_URL -- "$@"

# The suite on PostgreSQL ------------------------------------------------------------------------------
# The browser tests (marked e2e) run here too. Measured on the 2-core CI machine: the 7 journeys take
# 22s on SQLite and 24s on PostgreSQL, so the second run adds under half a minute to a `make test` of
# about two, and it is the only place where the live server's own connection and the tests'
# transactions meet PostgreSQL.

start_postgres() {
	local output
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nolan-pg.XXXXXX")
	output=$(bash scripts/postgres.sh start "$PG_DIR") || return 1
	PG_URL=$(tail -n 1 <<<"$output")
}

if [[ -n ${TEST_DATABASE_URL:-} ]]; then
	PG_URL=$TEST_DATABASE_URL
	echo
	echo "==> PostgreSQL: using TEST_DATABASE_URL"
	pg_ready=0
else
	step "PostgreSQL start" start_postgres
	pg_ready=$?
fi
if [[ $pg_ready -eq 0 ]]; then
	pytest_step "pytest on PostgreSQL" postgresql.log DATABASE_URL="$PG_URL" -- "$@"
	if [[ -n $PG_DIR ]]; then
		step "PostgreSQL stop" bash scripts/postgres.sh stop "$PG_DIR" && PG_DIR=""
	fi
else
	record "pytest on PostgreSQL" 1 "0.0s" "not run: PostgreSQL did not start"
fi

# Summary ----------------------------------------------------------------------------------------------

echo
echo "======================================== make test ========================================"
printf '%s\n' "${STEPS[@]}"
printf '  %-40s %8s\n' "total" "$(elapsed "$STARTED")"
if [[ ${#FAILED[@]} -eq 0 ]]; then
	echo "make test: all steps passed"
	exit 0
fi
failed=$(printf '%s, ' "${FAILED[@]}")
echo "make test: FAILED: ${failed%, }"
exit 1
