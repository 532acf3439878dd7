# Sourced by the scripts in bench/. The benchmark runners are test classes, so that the production
# jar cannot run them: this starts the built jar (the product as shipped) with the runners' classes
# added to its class path, through Spring Boot's PropertiesLauncher. Only the Bench* classes are
# added, not all of target/test-classes: the component scan would read the tests' annotations,
# whose classes (JUnit, Spring Boot's test support) are not in the jar.
#
#   run_bench org.homeroom.directory.BenchDistrict [JVM options...] -- [application arguments...]

# Builds the jar and the test classes if either is missing.
jar=$(ls target/homeroom-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ ! -f target/test-classes/org/homeroom/BenchApplication.class ]; then
  ./mvnw -q -DskipTests package
  jar=$(ls target/homeroom-*.jar | head -n 1)
fi
# Copied over, not emptied first, so that two scripts can run at once.
mkdir -p target/bench-classes
(cd target/test-classes && find . -name 'Bench*.class' -exec cp --parents {} ../bench-classes \;)

# A benchmark starts outside demo mode on an empty database, where Homeroom needs the district's zone.
export HOMEROOM_TIME_ZONE="${HOMEROOM_TIME_ZONE:-America/Chicago}"

run_bench() {
  local main=$1
  shift
  local jvm=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    jvm+=("$1")
    shift
  done
  [ $# -gt 0 ] && shift
  java "${jvm[@]}" -Dloader.path=target/bench-classes -Dloader.main="$main" -cp "$jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}
