package org.hepml.estimators;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One trained member's parameters on disk: the 8-byte magic {@code HEPMLNET}, the file format (int), the number of
 * parameters (int), then the parameters as big-endian float32 in DL4J's flattened order for the network that
 * {@link org.hepml.dnn.NetworkSpec#build()} makes. Plain numbers only: reading one never runs Java deserialization
 * nor parses a DL4J configuration. Whoever records a file also records its SHA-256, so a modified or truncated
 * file is refused with its name.
 */
final class MemberFile {
    static final byte[] MAGIC = {'H', 'E', 'P', 'M', 'L', 'N', 'E', 'T'};
    static final int FORMAT = 1;
    private static final int HEADER = MAGIC.length + 8;

    private MemberFile() {}

    static byte[] encode(float[] params) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + 4 * params.length);
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(params.length);
            for (float p : params) {
                out.writeFloat(p);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The parameters of a member file. {@code where} names the file in errors; {@code sha256} (null: not checked) is
     * the
     * digest recorded with it; {@code expectedCount} (negative: any) the network's parameter count.
     */
    static float[] decode(byte[] bytes, String where, String sha256, int expectedCount) {
        if (sha256 != null && !sha256.equalsIgnoreCase(sha256(bytes))) {
            throw new IllegalArgumentException(where + ": its SHA-256 is not the one recorded with it (" + bytes.length
                    + " bytes): the file was modified or truncated");
        }
        if (bytes.length < HEADER || !java.util.Arrays.equals(MAGIC, 0, MAGIC.length, bytes, 0, MAGIC.length)) {
            throw new IllegalArgumentException(where + ": not a hepml member file (no HEPMLNET header)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
        int format = b.getInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException(
                    where + ": member file format " + format + ", this library reads " + FORMAT);
        }
        int n = b.getInt();
        if (n < 0 || (long) HEADER + 4L * n != bytes.length) {
            throw new IllegalArgumentException(where + ": " + bytes.length + " bytes, but its header announces " + n
                    + " parameters (" + (HEADER + 4L * n) + " bytes): truncated or corrupt");
        }
        if (expectedCount >= 0 && n != expectedCount) {
            throw new IllegalArgumentException(
                    where + ": " + n + " parameters, the network described in ensemble.json has " + expectedCount);
        }
        float[] params = new float[n];
        b.asFloatBuffer().get(params);
        return params;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
