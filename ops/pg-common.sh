# Shared by ops/postgres-up and ops/postgres-down (sourced, not run).
# The development cluster: <repo>/.local/postgres on 127.0.0.1:5433, user postgres, password authentication
# (scram-sha-256, over TCP and the socket alike); its log, socket directory and the postgres user's password
# (mode 0600) sit beside it (.local/postgres.log, .local/postgres.sock, .local/postgres.password),
# the same layout and password file Sroi.Ledger.LocalPostgres uses.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SROI_LOCAL_DATA:-$repo/.local}/postgres"
# SROI_LOCAL_PG_PORT, as the service reads it (SROI_PG_PORT, the name these scripts read before, still works).
port="${SROI_LOCAL_PG_PORT:-${SROI_PG_PORT:-5433}}"
log="$data.log"
sock="$data.sock"
pwfile="$data.password"

pg_bin() {
  if [ -n "${SROI_PG_BIN:-}" ]; then echo "$SROI_PG_BIN"; return; fi
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do [ -x "$d/initdb" ] && echo "$d"; done | tail -n 1)"
  if [ -n "$dir" ]; then echo "$dir"; return; fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL (e.g. \`apt-get install postgresql\`) or set SROI_DATABASE / SROI_TEST_DATABASE to a connection string." >&2
  return 1
}

# Runs a PostgreSQL tool as the postgres user when we are root (initdb and the server refuse root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
