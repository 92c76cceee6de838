#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 cluster (15/main, or a fresh one made with initdb when the machine has
# none) and makes the role and database the PostgreSQL tests use: the role may create databases, since
# each test class gets a fresh one (dev.rumbl.testing.TestPostgres). Prints the URL the tests read from
# RUMBL_TEST_PG_URL, and only that, on stdout (the server tools' messages go to stderr), and turns TLS on
# with a self-signed certificate for "localhost". Run as root; idempotent.
set -euo pipefail

ROLE=rumbl_test
PASSWORD=rumbl_test
DATABASE=rumbl_test
PORT=5432

if [ -z "$(pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main"')" ]; then
  pg_createcluster 15 main --port "$PORT" >&2
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main"' | grep -q online; then
  pg_ctlcluster 15 main start >&2
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.2
done

psql_admin() { su postgres -c "psql -q -v ON_ERROR_STOP=1 -p $PORT -tAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  psql_admin "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
  psql_admin "CREATE DATABASE $DATABASE OWNER $ROLE"
fi
# TLS for the storage's TLS tests: a self-signed certificate for "localhost" only (not 127.0.0.1, so
# that a verify-full connection to 127.0.0.1 must fail), kept beside the cluster's configuration and
# world-readable (a certificate is public); the tests find it through the server's ssl_cert_file.
TLS_DIR=$(dirname "$(psql_admin "SHOW config_file")")/rumbl-test-tls
if [ ! -f "$TLS_DIR/server.crt" ]; then
  mkdir -p "$TLS_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" \
    -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.crt" 2>/dev/null
  chown postgres:postgres "$TLS_DIR" "$TLS_DIR/server.key" "$TLS_DIR/server.crt"
  chmod 600 "$TLS_DIR/server.key"
  chmod 644 "$TLS_DIR/server.crt"
fi
if [ "$(psql_admin "SHOW ssl")" != "on" ]; then
  psql_admin "ALTER SYSTEM SET ssl_cert_file = '$TLS_DIR/server.crt'"
  psql_admin "ALTER SYSTEM SET ssl_key_file = '$TLS_DIR/server.key'"
  psql_admin "ALTER SYSTEM SET ssl = on"
  psql_admin "SELECT pg_reload_conf()" >/dev/null
fi
psql_admin "GRANT pg_read_all_settings TO $ROLE"
echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
