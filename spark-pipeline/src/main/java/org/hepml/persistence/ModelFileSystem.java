package org.hepml.persistence;

import java.io.IOException;
import java.lang.reflect.Method;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The file system a model or checkpoint file is written to and read from: the path's own (HDFS, S3, local...), or
 * the driver's local disk while Spark saves or loads "to local" ({@code MLWriter.saveToLocal},
 * {@code MLReader.loadFromLocal}: Spark Connect's model cache, from Spark 4.0 on), where Spark writes the metadata
 * to local disk whatever the default file system is. On a checksummed file system, its raw layer: no {@code .crc}
 * sidecars, and reads are checked by the SHA-256 recorded with each file the same way on every file system (an
 * edited file gets our error, naming it, not a checksum error of Hadoop's local layer).
 */
public final class ModelFileSystem {
    /**
     * Spark 4's flag of the thread that saves or loads to local; absent on Spark 3.5 (reflection: one source for both).
     */
    private static final Method LOCAL_MODE = localModeFlag();

    private ModelFileSystem() {}

    private static Method localModeFlag() {
        try {
            return Class.forName("org.apache.spark.ml.util.ReadWriteUtils$").getMethod("localSavingModeState");
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // Spark 3.5: no local saving mode
        }
    }

    /** Whether this thread is inside Spark's saveToLocal / loadFromLocal. */
    private static boolean localSavingMode() {
        if (LOCAL_MODE == null) {
            return false;
        }
        try {
            Object module = LOCAL_MODE.getDeclaringClass().getField("MODULE$").get(null);
            Object flag = ((ThreadLocal<?>) LOCAL_MODE.invoke(module)).get();
            return Boolean.TRUE.equals(flag);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read Spark's local saving mode", e);
        }
    }

    /** The raw file system of a model file (no {@code .crc} sidecars: the model's own SHA-256 checks its files). */
    public static FileSystem of(Path path, Configuration conf) throws IOException {
        FileSystem fs = checked(path, conf);
        return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    }

    /**
     * The file system of Spark's own files of a model (its {@code metadata/}), checksummed where Hadoop checksums
     * them, as Spark reads them.
     */
    public static FileSystem checked(Path path, Configuration conf) throws IOException {
        return localSavingMode() ? FileSystem.getLocal(conf) : path.getFileSystem(conf);
    }
}
