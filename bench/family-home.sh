#!/usr/bin/env bash
# The family read path after a district announcement, when most families open the link within
# minutes. Generates a district in a fresh database on an external PostgreSQL, gives every family
# 50 in-app messages (set-based, bench/BenchFamilyHome) and issues real family API tokens for 2,000
# families. Then it starts the built jar, as shipped, signs SESSIONS (100) other families in through
# the family sign-in page (code read back from the e-mail outbox), gives every family with an
# account a 10-message thread per child with a teacher (bench/family-conversations.sql), and drives
# the server with wrk on loopback:
#
#   - a static file served by the application (/css/homeroom.css), the floor of any request;
#   - the family home page `/`, with the session cookies of the page sign-ins (the page chain takes
#     no bearer token, as a browser would not send one);
#   - GET /api/v1/me/inbox and GET /api/v1/me/conversations with the tokens, one family after
#     another (bench/family-home.lua); an endpoint that answers 404 is skipped with a note.
#
# Each is printed with requests/s and the p50 and p99 latency of wrk --latency, beside the static
# file's p99 from the same run. The database is dropped at the end.
#
#   bench/family-home.sh 100000     # students; PostgreSQL at 127.0.0.1:5432, user postgres
#   CONNECTIONS=20 THREADS=2 DURATION=30s WARMUP=10s SESSIONS=100 bench/family-home.sh
#   BENCH_JAR=/tmp/before.jar bench/family-home.sh   # serves with another build (before/after)
#   KEEP_DATABASE=1 bench/family-home.sh   # keeps the filled database (and target/bench-family-home)
#                                          # for the next run, which then skips the fill
set -euo pipefail
cd "$(dirname "$0")/.."

students=${1:-100000}
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}
app_port=${APP_PORT:-18080}
connections=${CONNECTIONS:-20}
threads=${THREADS:-2}
duration=${DURATION:-30s}
warmup=${WARMUP:-10s}
database=${BENCH_DATABASE:-homeroom_bench_family_home}
keep=${KEEP_DATABASE:-0}
state=target/bench-family-home
work=$(mktemp -d)
base="http://127.0.0.1:$app_port"

server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  if [ "$keep" != 1 ]; then
    psql -h "$host" -p "$port" -U "$user" -q -c "drop database if exists $database" >/dev/null 2>&1 || true
    rm -rf "$state"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench/family-home.sh: failed at line $LINENO" >&2' ERR

export HOMEROOM_DB_URL="jdbc:postgresql://$host:$port/$database" HOMEROOM_DB_USER="$user"
source bench/runner.sh
server_jar=${BENCH_JAR:-$jar}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $(psql -h "$host" -p "$port" -U "$user" -tAc 'show server_version') at $host:$port; $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "serving: $server_jar (the worktree is at $(git log -1 --format=%h 2>/dev/null))"
if [ "$keep" = 1 ] && [ -s "$state/tokens" ] && [ -s "$state/contacts" ] \
  && psql -h "$host" -p "$port" -U "$user" -d "$database" -tAc 'select 1 from messaging.announcement limit 1' 2>/dev/null | grep -q 1; then
  echo "reusing the filled database $database: $(psql -h "$host" -p "$port" -U "$user" -d "$database" -tAc \
    "select count(*) || ' students, ' || (select count(*) from messaging.delivery) || ' in-app deliveries' from directory.student")"
else
  psql -h "$host" -p "$port" -U "$user" -q -c "drop database if exists $database" -c "create database $database"
  mkdir -p "$state"
  common=(--server.port=0 --homeroom.demo.enabled=false --logging.level.root=warn)
  run_bench org.homeroom.directory.BenchDistrict -- "${common[@]}" --bench.students="$students" | grep '^generated'
  run_bench org.homeroom.messaging.BenchFamilyHome -- "${common[@]}" --homeroom.messaging.worker=false \
    --bench.tokens-file="$state/tokens" --bench.contacts-file="$state/contacts" | grep -E '^(messages|tokens|sign-in)'
fi
# The product as shipped. The mail server is a closed port: the sign-in codes wait in the outbox, where
# this script reads them.
java ${JAVA_OPTS:-} -jar "$server_jar" --server.port="$app_port" --homeroom.demo.enabled=false --logging.level.root=warn \
  --homeroom.mail.host=127.0.0.1 --homeroom.mail.port=9 \
  > "$work/server.log" 2>&1 &
server=$!
# On a busy machine the start has taken more than 3 minutes.
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$base/css/homeroom.css" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done
curl -fs -o /dev/null "$base/css/homeroom.css" || { echo "the server did not start in 10 minutes"; cat "$work/server.log"; exit 1; }

# A real family sign-in per contact: the form, the code from the outbox, the code form. What is kept
# is the session cookie the sign-in set. There are SESSIONS of them (default 100, at least one per
# connection): a browser sends one request at a time, and twenty connections sharing a few sessions
# would wait on each other's session rows. Contacts beyond those the fill chose are chosen here the
# same way, from the families without an API token.
sessions=${SESSIONS:-100}
if [ "$(wc -l < "$state/contacts")" -lt "$sessions" ]; then
  psql -h "$host" -p "$port" -U "$user" -d "$database" -tAc "
    select c.value from directory.contact_point c
    join directory.guardian gu on gu.id = c.guardian_id and gu.active
    where c.kind = 'EMAIL' and c.valid and c.verified
      and not exists (select 1 from accounts.family_link l join accounts.api_token t on t.account_id = l.account_id
                      where l.guardian_id = gu.id)
    group by c.value having count(distinct c.guardian_id) = 1
    order by md5(c.value) limit $sessions" > "$state/contacts"
fi
cookie_of() { grep -i '^set-cookie:' "$1" | sed -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/' | grep -v '=$' | tail -n 1 || true; }
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' "$1" | head -n 1 | sed -E 's/.*value="([^"]*)"/\1/'; }
: > "$work/cookies"
# Every sign-in comes from loopback, which the per-address limit (30 codes in 15 minutes) would stop
# after 30: the bench database's count for loopback starts afresh before each one.
while read -r contact; do
  psql -h "$host" -p "$port" -U "$user" -d "$database" -q -c "delete from accounts.throttle_event where key in ('127.0.0.1', '0:0:0:0:0:0:0:1')"
  curl -s -D "$work/h1" -o "$work/b1" "$base/family/sign-in"
  jar1=$(cookie_of "$work/h1")
  curl -s -D "$work/h2" -o /dev/null -H "Cookie: $jar1" --data-urlencode "contact=$contact" \
    --data-urlencode "_csrf=$(csrf_of "$work/b1")" "$base/family/sign-in"
  code=
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    code=$(psql -h "$host" -p "$port" -U "$user" -d "$database" -tAc \
      "select substring(body from '\m([0-9]{6})\M') from platform.outgoing_mail where recipient = '$contact'
       and created_at > now() - interval '1 minute' order by created_at desc limit 1")
    [ -n "$code" ] && break
    sleep 0.3
  done
  curl -s -o "$work/b3" -H "Cookie: $jar1" "$base/family/sign-in/code"
  curl -s -D "$work/h4" -o /dev/null -H "Cookie: $jar1" --data-urlencode "code=$code" \
    --data-urlencode "_csrf=$(csrf_of "$work/b3")" "$base/family/sign-in/code"
  signed_in=$(cookie_of "$work/h4")
  [ -n "$signed_in" ] && echo "$signed_in" >> "$work/cookies"
done < "$state/contacts"
# Threads for the families with accounts, so that GET /api/v1/me/conversations and the home page's
# conversations read real rows.
psql -h "$host" -p "$port" -U "$user" -d "$database" -v ON_ERROR_STOP=1 -qtA -f bench/family-conversations.sql
[ "$keep" = 1 ] && cp "$work/cookies" "$state/cookies"
echo "families: $(wc -l < "$state/tokens") with an API token, $(wc -l < "$work/cookies") signed in through the page"
first_token=$(head -n 1 "$state/tokens")
first_cookie=$(head -n 1 "$work/cookies")
echo "home page as a signed-in family answers $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $first_cookie" "$base/")"

# wrk's figures for one path: requests/s, p50 and p99 (in ms).
drive() {
  local path=$1 header=$2 prefix=$3 credentials=$4
  BENCH_HEADER=$header BENCH_PREFIX=$prefix BENCH_CREDENTIALS=$credentials \
    wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/family-home.lua "$base$path" > /dev/null
  BENCH_HEADER=$header BENCH_PREFIX=$prefix BENCH_CREDENTIALS=$credentials \
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/family-home.lua "$base$path" > "$work/wrk"
  local errors
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk" | tr '\n' ' ' || true)
  awk -v errors="$errors" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, errors }' "$work/wrk"
}
report() {
  local what=$1 figures=$2 static_p99=$3
  read -r rps p50 p99 errors <<< "$figures"
  printf '%-34s %8s req/s  p50 %7s ms  p99 %7s ms  p99/static %5.1fx  %s\n' "$what" "$rps" "$p50" "$p99" \
    "$(awk -v a="$p99" -v b="$static_p99" 'BEGIN { print (b > 0 ? a / b : 0) }')" "${errors:-}"
}

echo "load average before wrk: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$threads -c$connections -d$duration --latency (after $warmup of warm-up each)"
static=$(drive /css/homeroom.css X-Bench "" "$state/tokens")
static_p99=$(echo "$static" | awk '{ print $3 }')
report "static /css/homeroom.css" "$static" "$static_p99"
report "family home page / (session)" "$(drive / Cookie "" "$work/cookies")" "$static_p99"
report "GET /api/v1/me/inbox (token)" "$(drive /api/v1/me/inbox Authorization "Bearer " "$state/tokens")" "$static_p99"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $first_token" "$base/api/v1/me/conversations")
if [ "$status" = 404 ]; then
  echo "GET /api/v1/me/conversations answers 404: not there yet, skipped"
else
  report "GET /api/v1/me/conversations" "$(drive /api/v1/me/conversations Authorization "Bearer " "$state/tokens")" "$static_p99"
fi
echo "load average after wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "target: 500 req/s with p99 <= 100 ms, and p99 within 3x of the static file's"
