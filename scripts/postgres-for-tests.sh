# Sourced by the test scripts. Points TestDatabases at the local PostgreSQL when it answers,
# starting the machine's cluster if it is installed but stopped. Without one, store tests
# run on SQLite only and print why PostgreSQL was skipped.
_gantry_pg_up() {
  node -e '
    const s = require("net").connect(5432, "127.0.0.1");
    s.on("connect", () => process.exit(0));
    s.on("error", () => process.exit(1));
    setTimeout(() => process.exit(1), 2000);'
}
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  if ! _gantry_pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "tests: starting the local PostgreSQL cluster" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >&2 || true
    sleep 2
  fi
  if _gantry_pg_up; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
  else
    echo "tests: no PostgreSQL at 127.0.0.1:5432; store tests run on SQLite only" >&2
  fi
fi
unset -f _gantry_pg_up
