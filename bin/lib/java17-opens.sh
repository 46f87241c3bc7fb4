# Sourced by bin/hepml and bin/cluster-check: what spark-submit adds by itself on Java 17 (Spark's
# JavaModuleOptions), for the JVMs these scripts start with plain `java`. Sets the array `opens`.
opens=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
