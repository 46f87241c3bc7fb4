# Sourced by bin/hepml: a class-data archive of the project's classpath, so that a command's JVM maps the classes
# it needs already parsed and verified instead of loading them from some 400 jars. On Java 17 and 21 it is a dynamic
# CDS archive (-XX:ArchiveClassesAtExit / -XX:SharedArchiveFile); on Java 25 an AOT cache (JEP 483, 514, 515:
# -XX:AOTCacheOutput / -XX:AOTCache), which also keeps the recording run's method profiles.
# Measured on the 2-core machine kind (README, speed section), 100 events scored with 32x TTA: the wall clock falls
# from 11.7-14.1 s to 8.0-8.6 s, and load + job from 2.6-3.1 s to 2.0-2.3 s on Java 17 (to 1.6-2.1 s on Java 25).
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

  # a cache that cannot be written (read-only or full), or no flock (util-linux), only means running without it
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  # one recording at a time: a second hepml started meanwhile runs without the archive (flock -n fails, or exits 75
  # on the recording itself when the other took the lock after this check)
  if ! flock -n "$dir/lock" true; then
    echo "hepml: another hepml is recording the class-data archive; running without it this time" >&2
    return 0
  fi
  local work log="$dir/record.log" t0=$SECONDS rc=0
  work=$(mktemp -d)
  echo "hepml: recording the class-data archive that makes every later start faster (once per build; about a" \
       "minute; HEPML_CLASS_CACHE=off skips it) -> $file" >&2
  flock -n -E 75 "$dir/lock" "$@" "${record[@]}" org.hepml.jobs.Hepml demo --events 2000 --members 1 --epochs 1 \
      --tta 4 --work "$work/demo" >"$log" 2>&1 || rc=$?
  rm -rf "$work"
  if [ "$rc" = 0 ] && [ -s "$file.part" ] && mv -f "$file.part" "$file" 2>/dev/null; then
    class_cache_opts=("${use[@]}")
    # the archives of earlier builds of this line and Java are of no more use
    for i in "$family"-*; do
      [ "$i" = "$dir" ] || rm -rf "$i"
    done
    echo "hepml: class-data archive recorded in $((SECONDS - t0)) s ($(du -h "$file" | cut -f1))" >&2
  elif [ "$rc" = 75 ]; then
    echo "hepml: another hepml is recording the class-data archive; running without it this time" >&2
  else
    rm -f "$file.part"
    echo "hepml: warning: recording the class-data archive failed (log: $log); running without it, and not" \
         "trying again for this build" >&2
    touch "$dir/failed" 2>/dev/null || true
  fi
}
