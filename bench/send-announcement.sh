#!/usr/bin/env bash
# One district announcement at district scale: generates a district (about 1.5 guardians a
# student) in a fresh database on an external PostgreSQL, writes one URGENT announcement to the
# whole district by in-app and e-mail, and prints the seconds until every delivery is QUEUED beside
# a raw INSERT ... SELECT of the same rows. Then, with a local SMTP server that counts and drops
# (bench/SmtpSink.java), it prints how many e-mails Homeroom's delivery worker hands off in 60 s,
# beside a trivial sender (one Jakarta Mail connection, the same rendered messages) in 60 s.
#
#   bench/send-announcement.sh 133000          # students; PostgreSQL at 127.0.0.1:5432, user postgres
set -euo pipefail
cd "$(dirname "$0")/.."

students=${1:-133000}
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}
smtp_port=${SMTP_PORT:-2525}
database=homeroom_bench_messaging

psql -h "$host" -p "$port" -U "$user" -q -c "drop database if exists $database" -c "create database $database"
export HOMEROOM_DB_URL="jdbc:postgresql://$host:$port/$database" HOMEROOM_DB_USER="$user"
source bench/runner.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $(psql -h "$host" -p "$port" -U "$user" -tAc 'show server_version') at $host:$port"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A web application on a random port, not none: the accounts module's pages need the web security
# configuration to start at all.
common=(--server.port=0 --homeroom.demo.enabled=false --logging.level.root=warn)
run_bench org.homeroom.directory.BenchDistrict -- "${common[@]}" --bench.students="$students" | grep '^generated'

echo "load average before queueing: $(cut -d' ' -f1-3 /proc/loadavg)"
run_bench org.homeroom.messaging.delivery.BenchAnnouncement -- "${common[@]}" --homeroom.messaging.worker=false --bench.phase=queue

java bench/SmtpSink.java "$smtp_port" &
sink=$!
trap 'kill "$sink" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (echo > "/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break
  sleep 0.2
done
echo "load average before hand-off: $(cut -d' ' -f1-3 /proc/loadavg)"
run_bench org.homeroom.messaging.delivery.BenchAnnouncement -- "${common[@]}" --bench.phase=handoff --homeroom.messaging.emails-per-second=100000 \
  --homeroom.mail.host=127.0.0.1 --homeroom.mail.port="$smtp_port"
echo "load average after hand-off: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$sink"
wait "$sink" 2>/dev/null || true
