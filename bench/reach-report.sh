#!/usr/bin/env bash
# The reach report at district scale: on a database that bench/generate-district.sh filled
# (100,000 students), adds twelve district-wide announcements with their deliveries
# (bench/reach-report-fill.sql, once), then times the report as the page asks for it
# (BenchReachReport, through the built jar: see bench/runner.sh), for the whole district and for
# each school.
#
#   HOMEROOM_DB_URL=jdbc:postgresql://127.0.0.1:5432/homeroom_bench_reach HOMEROOM_DB_USER=postgres \
#     bench/reach-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

: "${HOMEROOM_DB_URL:?set HOMEROOM_DB_URL (and HOMEROOM_DB_USER) to a database bench/generate-district.sh filled}"
database=${HOMEROOM_DB_URL##*/}
psql=(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${HOMEROOM_DB_USER:-postgres}" -d "$database" -v ON_ERROR_STOP=1 -q)

source bench/runner.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$("${psql[@]}" -Atc "select count(*) from messaging.announcement where subject like 'Bench %'")" = 0 ]; then
  "${psql[@]}" -f bench/reach-report-fill.sql
fi
"${psql[@]}" -Atc "select 'deliveries: ' || count(*) from messaging.delivery"
run_bench org.homeroom.messaging.reach.BenchReachReport -- --spring.main.web-application-type=none \
  --homeroom.demo.enabled=false --logging.level.root=warn
