#!/usr/bin/env bash
# The reply-language detector (Lingua, built for the demo district's seven languages that Lingua
# knows): the heap it holds once its models are loaded, and the time to tell one reply. Runs on
# the compiled test classes, without Spring or a database.
#
#   bench/reply-languages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.homeroom.translation.BenchReplyLanguages
