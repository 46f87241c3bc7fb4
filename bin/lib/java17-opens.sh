# Sourced by the bin/ scripts: what spark-submit adds by itself on Java 17+ (Spark's JavaModuleOptions), for the JVMs
# these scripts start with plain `java`. Sets the array `opens`, read from the one place that lists them: the
# spark.java17.opens property of the top pom.xml (which the tests' JVMs get too).
# shellcheck disable=SC2207
opens=($(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$root/pom.xml"))
[ ${#opens[@]} -gt 0 ] || { echo "$(basename "$0"): error: no spark.java17.opens in $root/pom.xml" >&2; exit 1; }
