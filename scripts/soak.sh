#!/usr/bin/env bash
# The soak (not part of the test suite): the chaos test's steady HTTP and bridge load and its random
# kills against the whole application, for hours, with a summary line every minute (requests and
# their outcomes, kills, restarts, heap after GC, live processes, monitors, timers, names) so that a
# slow leak shows as a trend; at the end the chaos test's checks and a verdict (exit 0 or 1).
#
#   scripts/soak.sh          four hours
#   scripts/soak.sh 30       thirty minutes
# The summary goes to stdout and to target/soak/soak.log; the application's log to target/soak/app.log.
# It runs from its own copy of the compiled classes, so that builds meanwhile do not disturb it.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-240}"
mkdir -p target/soak
mvn -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/soak/classpath.txt -Dmdep.includeScope=test

rm -rf target/soak/classes target/soak/test-classes
cp -r target/classes target/soak/classes
cp -r target/test-classes target/soak/test-classes
java -Xmx512m -Dsoak.minutes="$minutes" -Dlogback.configurationFile=scripts/logback-soak.xml \
  -cp "target/soak/test-classes:target/soak/classes:$(cat target/soak/classpath.txt)" \
  dev.rumbl.testing.Soak 2>&1 | tee target/soak/soak.log
