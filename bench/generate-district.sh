#!/usr/bin/env bash
# Fills an empty external PostgreSQL database with a generated district, through Homeroom itself
# (its migrations first, then the directory's district generator, driven by the test class
# BenchDistrict: see bench/runner.sh), and prints what it made and how long it took. For benchmarks
# of imports, searches and reports at district scale.
#
#   HOMEROOM_DB_URL=jdbc:postgresql://127.0.0.1:5432/homeroom_bench HOMEROOM_DB_USER=postgres \
#     bench/generate-district.sh 100000
#
# The database must be empty (or hold only Homeroom's schema): each run adds a whole district.
set -euo pipefail
cd "$(dirname "$0")/.."

students=${1:-100000}
: "${HOMEROOM_DB_URL:?set HOMEROOM_DB_URL (and HOMEROOM_DB_USER, HOMEROOM_DB_PASSWORD) to an empty PostgreSQL database}"

source bench/runner.sh

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL at ${HOMEROOM_DB_URL}"
started=$(date +%s)
run_bench org.homeroom.directory.BenchDistrict -- --spring.main.web-application-type=none \
  --homeroom.demo.enabled=false --bench.students="$students" --logging.level.root=warn
echo "total seconds (start-up, migrations and generation): $(( $(date +%s) - started ))"
