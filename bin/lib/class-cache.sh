# Sourced by bin/hepml: a class-data archive of the project's classpath, so that a command's JVM maps the classes
# it needs already parsed and verified instead of loading them from some 400 jars. On Java 17 and 21 it is a dynamic
# CDS archive (-XX:ArchiveClassesAtExit / -XX:SharedArchiveFile); on Java 25 an AOT cache (JEP 483, 514, 515:
# -XX:AOTCacheOutput / -XX:AOTCache), which also keeps the recording run's method profiles.
# Measured on the 2-core machine kind (README, speed section), 100 events scored with 32x TTA: the wall clock falls
# from 14-17 s to 9-11 s, and load + job from 3.4-3.5 s to 2.2-2.9 s on Java 17, to 1.4-1.9 s on Java 25.
#
# The archive is recorded once per build, Java and Spark line, by one small `hepml demo` run (generate, train, save,
# load, score, evaluate, report: the classes every command uses), the first time a command runs without one: about a
# minute and some 200 MB under HEPML_CACHE. A JVM only maps an archive made from the very same jars (it checks their
# sizes and times), so the archive's name is a digest of the Java version, bin/hepml's JVM options and every classpath entry's
# size and time: a rebuild records a new one and removes the old.
#
# HEPML_CLASS_CACHE=auto (the default) records and uses it; off runs without. A HEPML_JAVA_OPTS that names an archive
# of its own or -Xshare:off turns it off too.
#
# prepare_class_cache SUBCOMMAND JVM...: sets the array class_cache_opts to the JVM options that use the archive (empty
# when off or when it cannot be recorded), recording it first if needed. JVM... is the java command and its options
# (without HEPML_JAVA_OPTS, which the archive does not depend on) up to, not including, the main class; SUBCOMMAND is the command's first argument ('' for --help and the like, which
# use an archive but never record one).
prepare_class_cache() {
  local sub=$1
  shift
  class_cache_opts=()
  case "${HEPML_CLASS_CACHE:-auto}" in
    auto) ;;
    off) return 0 ;;
    *) echo "hepml: error: HEPML_CLASS_CACHE must be auto or off, got '$HEPML_CLASS_CACHE'" >&2; exit 2 ;;
  esac
  case " ${HEPML_JAVA_OPTS:-} " in
    *SharedArchiveFile*|*ArchiveClassesAtExit*|*AOTCache*|*AOTMode*|*-Xshare:off*) return 0 ;;
  esac

  local java_major cp i
  java_major=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = \([0-9]*\).*/\1/p')
  for ((i = 1; i <= $#; i++)); do
    [ "${!i}" = -cp ] && { i=$((i + 1)); cp=${!i}; }
  done
  local digest dir file use record
  digest=$( { "$1" -version 2>&1; printf '%s\n' "$@"; tr ':' '\n' <<<"$cp" | xargs -d '\n' stat -c '%n %s %Y' 2>&1; } \
      | sha1sum | cut -c1-16)
  local family="$cache/class-data/spark$spark_line-java$java_major"
  dir="$family-$digest"
  if [ "$java_major" -ge 25 ]; then
    file="$dir/hepml.aot"; use=(-XX:AOTCache="$file"); record=(-XX:AOTCacheOutput="$file.part")
  else
    file="$dir/hepml.jsa"; use=(-XX:SharedArchiveFile="$file"); record=(-XX:ArchiveClassesAtExit="$file.part")
  fi
  if [ -f "$file" ]; then
    class_cache_opts=("${use[@]}")
    return 0
  fi
  [ -n "$sub" ] && [ ! -f "$dir/failed" ] || return 0

  mkdir -p "$dir"
  # one recording at a time: a second hepml started meanwhile runs without the archive
  exec 9>"$dir/lock"
  if ! flock -n 9; then
    exec 9>&-
    return 0
  fi
  local work log="$dir/record.log" t0=$SECONDS
  work=$(mktemp -d)
  echo "hepml: recording the class-data archive that makes every later start faster (once per build; about a" \
       "minute; HEPML_CLASS_CACHE=off skips it) -> $file" >&2
  if "$@" "${record[@]}" org.hepml.jobs.Hepml demo --events 2000 --members 1 --epochs 1 --tta 4 \
        --work "$work/demo" >"$log" 2>&1 && [ -s "$file.part" ]; then
    mv -f "$file.part" "$file"
    class_cache_opts=("${use[@]}")
    # the archives of earlier builds of this line and Java are of no more use
    for i in "$family"-*; do
      [ "$i" = "$dir" ] || rm -rf "$i"
    done
    echo "hepml: class-data archive recorded in $((SECONDS - t0)) s ($(du -h "$file" | cut -f1))" >&2
  else
    rm -f "$file.part"
    echo "hepml: warning: recording the class-data archive failed (log: $log); running without it, and not" \
         "trying again for this build" >&2
    touch "$dir/failed"
  fi
  rm -rf "$work"
  exec 9>&-
}
