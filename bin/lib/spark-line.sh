# Sourced by the bin/ scripts: which Spark line they build and run, from HEPML_SPARK.
#   HEPML_SPARK=4   (default) Spark 4.2, Scala 2.13, Java 17, 21 or 25 (>= 25.0.3)
#   HEPML_SPARK=3.5 Spark 3.5, Scala 2.12, Java 17 (the Maven profile spark-3.5)
# Sets: spark_line, scala_binary, maven_profile (an array of Maven arguments), java_cmd; checks the Java version.
case "${HEPML_SPARK:-4}" in
  4|4.2) spark_line=4; scala_binary=2.13; maven_profile=() ;;
  3.5) spark_line=3.5; scala_binary=2.12; maven_profile=(-Pspark-3.5) ;;
  *) echo "$(basename "$0"): error: HEPML_SPARK must be 4 (Spark 4.2, the default) or 3.5, got '$HEPML_SPARK'" >&2
     exit 2 ;;
esac
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_cmd" >/dev/null 2>&1; then
  echo "$(basename "$0"): error: no java found; install a JDK 17 or set JAVA_HOME" >&2
  exit 1
fi
java_version="$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
java_major="${java_version%%.*}"
if [ "$spark_line" = 3.5 ] && [ "$java_major" != 17 ]; then
  echo "$(basename "$0"): error: Spark 3.5 (HEPML_SPARK=3.5) needs Java 17 (it breaks on newer JDKs), found $java_version at $java_cmd; set JAVA_HOME to a JDK 17" >&2
  exit 1
fi
if [ "$spark_line" = 4 ] && { [ "$java_major" -lt 17 ] || [ "$java_major" -gt 25 ] \
    || { [ "$java_major" = 25 ] && [ "$(printf '%s\n25.0.3\n' "$java_version" | sort -V | head -1)" != 25.0.3 ]; }; }; then
  echo "$(basename "$0"): error: Spark 4.2 needs Java 17, 21 or 25 (25.0.3 or later), found $java_version at $java_cmd; set JAVA_HOME" >&2
  exit 1
fi
