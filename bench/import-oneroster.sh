#!/usr/bin/env bash
# The OneRoster import at district scale: generates a district with the directory's generator in a
# fresh database on an external PostgreSQL, writes it out as a OneRoster 1.1 set, empties the
# directory, and imports the set through Homeroom with a 512 MB heap. Then it copies the same CSV
# files into plain tables with psql's \copy, the floor any import stands on, and prints both.
#
#   bench/import-oneroster.sh 100000          # students; PostgreSQL at 127.0.0.1:5432, user postgres
set -euo pipefail
cd "$(dirname "$0")/.."

students=${1:-100000}
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}
database=homeroom_bench_roster
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT

psql -h "$host" -p "$port" -U "$user" -q -c "drop database if exists $database" -c "create database $database"
export HOMEROOM_DB_URL="jdbc:postgresql://$host:$port/$database" HOMEROOM_DB_USER="$user"
source bench/runner.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $(psql -h "$host" -p "$port" -U "$user" -tAc 'show server_version') at $host:$port"
# A web application on a random port, not none: the accounts module's pages need the web security
# configuration to start at all.
# The set the issue asks for: per 100,000 students, about 200,000 guardians (two for most students,
# no siblings sharing them) and 1,000,000 class enrolments (ten classes each).
run_bench org.homeroom.directory.BenchDistrict -- --server.port=0 --homeroom.demo.enabled=false \
  --bench.students="$students" --bench.classes-per-student=10 --bench.siblings=false \
  --logging.level.root=warn | grep '^generated'
run_bench org.homeroom.directory.oneroster.BenchRosterImport -Xmx512m -- --server.port=0 \
  --homeroom.demo.enabled=false --bench.folder="$folder" --logging.level.root=warn ${IMPORT_LOG:+--logging.level.org.homeroom.directory.oneroster.RosterImporter=debug}

# The floor: the same files into plain tables of text columns, with psql's \copy.
export PGOPTIONS="-c client_min_messages=warning"
raw_started=$(date +%s.%N)
for file in "$folder"/*.csv; do
  name=$(basename "$file" .csv)
  [ "$name" = manifest ] && continue
  columns=$(head -n 1 "$file" | tr -d '\r' | sed 's/"//g; s/[^,]*/"&" text/g')
  psql -h "$host" -p "$port" -U "$user" -d "$database" -q \
    -c "drop table if exists raw_$name" -c "create table raw_$name ($columns)" \
    -c "\\copy raw_$name from '$file' with (format csv, header)"
done
raw_seconds=$(echo "$(date +%s.%N) - $raw_started" | bc)
printf 'raw psql \\copy of the same files into plain tables: seconds=%.1f\n' "$raw_seconds"

# A second floor: the rows the import wrote, written again in one transaction into tables with the
# directory's keys, checks, indexes and foreign keys, by plain INSERT … SELECT. No importer that
# keeps those constraints writes its rows for less.
tables="district school school_year term course section student student_demographics enrolment guardian
  contact_point guardianship staff staff_assignment section_teacher section_enrolment"
{
  echo "drop schema if exists floor cascade; create schema floor;"
  for table in $tables; do echo "create table floor.$table (like directory.$table including all);"; done
  cat <<SQL
do \$\$ declare fk record; begin
  for fk in select conrelid::regclass as owner, conname, pg_get_constraintdef(oid) as definition from pg_constraint
            where contype = 'f' and connamespace = 'directory'::regnamespace
              and to_regclass('floor.' || (select relname from pg_class where oid = conrelid)) is not null
              and to_regclass('floor.' || (select relname from pg_class where oid = confrelid)) is not null loop
    execute format('alter table floor.%s add constraint %I %s', (select relname from pg_class where oid = fk.owner),
                   fk.conname, replace(fk.definition, 'directory.', 'floor.'));
  end loop; end \$\$;
SQL
} | psql -h "$host" -p "$port" -U "$user" -d "$database" -q -v ON_ERROR_STOP=1
floor_started=$(date +%s.%N)
{
  echo "begin;"
  for table in $tables; do echo "insert into floor.$table select * from directory.$table;"; done
  echo "commit;"
} | psql -h "$host" -p "$port" -U "$user" -d "$database" -q -v ON_ERROR_STOP=1
floor_seconds=$(echo "$(date +%s.%N) - $floor_started" | bc)
rows=$(psql -h "$host" -p "$port" -U "$user" -d "$database" -tAc \
  "select sum(n_live_tup) from pg_stat_user_tables where schemaname = 'floor'")
printf 'the imported rows (%s) again into tables with the directory'"'"'s keys, indexes and foreign keys, plain INSERT … SELECT: seconds=%.1f\n' \
  "$rows" "$floor_seconds"
du -sh "$folder" | awk '{print "OneRoster set size: " $1}'
