#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the test suite.
#
#   scripts/postgres.sh start DIR   initdb into DIR (which must not exist or be empty), start it on
#                                   127.0.0.1 on a free port from 54329, create the role and database
#                                   "nolan", and print its DATABASE_URL as the last line of output
#   scripts/postgres.sh stop DIR    stop the cluster in DIR and delete DIR (only that cluster)
#
# Installs Debian's postgresql package when no pg_ctl is found (needs root, as in CI). As root the
# cluster belongs to the "postgres" system user, because PostgreSQL refuses to run as root. It is
# tuned for tests (no fsync, trust authentication on 127.0.0.1 only), never for real data.
set -euo pipefail

FIRST_PORT=${NOLAN_TEST_PG_PORT:-54329}
ROLE=nolan
DATABASE=nolan

say() { echo "postgres.sh: $*" >&2; }
die() {
	say "$*"
	exit 1
}

# The folder holding pg_ctl, initdb, postgres and psql of one PostgreSQL version.
find_bin() {
	local candidate
	# Debian keeps the server programs out of PATH; take the newest version installed.
	candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [[ -n $candidate && -x $candidate/pg_ctl ]]; then
		echo "$candidate"
	elif command -v pg_ctl >/dev/null 2>&1; then
		candidate=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
		[[ -x $candidate/initdb && -x $candidate/psql ]] && echo "$candidate"
	fi
	return 0
}

ensure_installed() {
	PGBIN=$(find_bin)
	if [[ -z $PGBIN ]]; then
		[[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed: install it (apt-get install postgresql) or set TEST_DATABASE_URL"
		say "installing PostgreSQL from the Debian packages"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq postgresql >/dev/null
		PGBIN=$(find_bin)
		[[ -n $PGBIN ]] || die "pg_ctl still not found after installing postgresql"
	fi
}

# Run a PostgreSQL program as the cluster's owner: the postgres system user when we are root.
as_owner() {
	if [[ $(id -u) -eq 0 ]]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

server_options() {
	local options=(
		"-c listen_addresses=127.0.0.1"
		"-c port=$2"
		"-c unix_socket_directories='$1'"
		# a throw-away cluster: durability only costs time here
		"-c fsync=off"
		"-c synchronous_commit=off"
		"-c full_page_writes=off"
	)
	echo "${options[*]}"
}

start() {
	local dir=$1 port attempt
	ensure_installed
	mkdir -p "$dir"
	[[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
	dir=$(cd "$dir" && pwd)
	if [[ $(id -u) -eq 0 ]]; then
		id postgres >/dev/null 2>&1 || die "there is no postgres system user to own the cluster"
		chown postgres: "$dir"
	fi
	chmod 700 "$dir"

	as_owner "$PGBIN/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
		{
			cat "$dir/initdb.log" >&2
			die "initdb failed"
		}

	port=$FIRST_PORT
	for attempt in $(seq 1 20); do
		if ! port_in_use "$port"; then
			rm -f "$dir/server.log"
			if as_owner "$PGBIN/pg_ctl" start --pgdata="$dir/data" --wait --timeout=60 \
				--log="$dir/server.log" --silent -o "$(server_options "$dir" "$port")" >/dev/null; then
				break
			fi
			grep -q "could not bind\|could not create any TCP/IP sockets" "$dir/server.log" 2>/dev/null ||
				{
					cat "$dir/server.log" >&2
					die "PostgreSQL did not start"
				}
		fi
		port=$((port + 1))
		[[ $attempt -lt 20 ]] || die "no free port from $FIRST_PORT to $port"
	done
	echo "$port" >"$dir/port"

	as_owner "$PGBIN/psql" --quiet --no-psqlrc --host=127.0.0.1 --port="$port" --username=postgres \
		--dbname=postgres --set=ON_ERROR_STOP=1 \
		--command="CREATE ROLE $ROLE LOGIN CREATEDB" \
		--command="CREATE DATABASE $DATABASE OWNER $ROLE" >/dev/null
	say "started PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') in $dir on 127.0.0.1:$port"
	echo "postgres://$ROLE@127.0.0.1:$port/$DATABASE"
}

stop() {
	local dir=$1
	[[ -d $dir ]] || return 0
	if [[ -f $dir/data/postmaster.pid ]]; then
		PGBIN=$(find_bin)
		as_owner "$PGBIN/pg_ctl" stop --pgdata="$dir/data" --mode=fast --wait --timeout=60 --silent ||
			say "could not stop the cluster in $dir"
	fi
	rm -rf "$dir"
}

case ${1:-} in
start) start "${2:?usage: postgres.sh start DIR}" ;;
stop) stop "${2:?usage: postgres.sh stop DIR}" ;;
*) die "usage: postgres.sh start DIR | stop DIR" ;;
esac
