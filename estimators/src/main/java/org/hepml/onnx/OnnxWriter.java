package org.hepml.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An {@link OnnxGraph} as an ONNX model file: the protobuf messages of onnx.proto (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto,
 * StringStringEntryProto), field by field with protobuf-java's {@link CodedOutputStream}. Protobuf-java comes with
 * Spark on both lines, but in versions (3.19 on Spark 3.5) that the generated ONNX classes we could ship (Tribuo's,
 * protobuf 3.25+) do not run on; the wire format through the low-level encoder, whose API is the same in every
 * version, needs no generated class. The field numbers are onnx.proto's (ONNX 1.17; checked against Tribuo's
 * generated ONNX classes); ONNX Runtime reading the files back is the test.
 */
public final class OnnxWriter {
    /** IR version 8 (ONNX 1.10): what the older ONNX Runtime releases in experiment software and ROOT's SOFIE read. */
    public static final long IR_VERSION = 8;

    private OnnxWriter() {}

    /** A message: its fields written into a byte array. */
    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields f) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            f.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model file: the graph at {@code opset} (default domain), with producer and metadata. */
    public static byte[] model(OnnxGraph g, int opset, String producerVersion, Map<String, String> metadata) {
        g.requireOpset(opset);
        return message(out -> {
            out.writeInt64(1, IR_VERSION);
            out.writeString(2, "hepml-spark");
            out.writeString(3, producerVersion);
            out.writeByteArray(7, graph(g));
            out.writeByteArray(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, opset);
            }));
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                out.writeByteArray(14, message(o -> {
                    o.writeString(1, e.getKey());
                    o.writeString(2, e.getValue());
                }));
            }
        });
    }

    private static byte[] graph(OnnxGraph g) {
        return message(out -> {
            for (OnnxGraph.Node n : g.nodes()) {
                out.writeByteArray(1, node(n));
            }
            out.writeString(2, g.name());
            for (OnnxGraph.Tensor t : g.initializers()) {
                out.writeByteArray(5, tensor(t));
            }
            for (OnnxGraph.Value v : g.inputs()) {
                out.writeByteArray(11, valueInfo(v));
            }
            for (OnnxGraph.Value v : g.outputs()) {
                out.writeByteArray(12, valueInfo(v));
            }
        });
    }

    private static byte[] node(OnnxGraph.Node n) {
        return message(out -> {
            for (String i : n.inputs()) {
                out.writeString(1, i);
            }
            out.writeString(2, n.output());
            out.writeString(3, n.output());
            out.writeString(4, n.op());
            for (Map.Entry<String, Object> a : new java.util.TreeMap<>(n.attributes()).entrySet()) {
                out.writeByteArray(5, attribute(a.getKey(), a.getValue()));
            }
        });
    }

    private static byte[] attribute(String name, Object value) {
        return message(out -> {
            out.writeString(1, name);
            if (value instanceof Float f) {
                out.writeFloat(2, f);
                out.writeInt32(20, 1); // FLOAT
            } else if (value instanceof Long l) {
                out.writeInt64(3, l);
                out.writeInt32(20, 2); // INT
            } else if (value instanceof long[] ls) {
                for (long l : ls) {
                    out.writeInt64(8, l);
                }
                out.writeInt32(20, 7); // INTS
            } else {
                throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
            }
        });
    }

    private static byte[] tensor(OnnxGraph.Tensor t) {
        return message(out -> {
            for (long d : t.dims()) {
                out.writeInt64(1, d);
            }
            out.writeInt32(2, t.type());
            out.writeString(8, t.name());
            out.writeByteArray(9, t.raw());
        });
    }

    private static byte[] valueInfo(OnnxGraph.Value v) {
        byte[] shape = message(out -> {
            for (long d : v.dims()) {
                out.writeByteArray(1, message(o -> {
                    if (d < 0) {
                        o.writeString(2, "batch");
                    } else {
                        o.writeInt64(1, d);
                    }
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(1, v.type());
            out.writeByteArray(2, shape);
        });
        return message(out -> {
            out.writeString(1, v.name());
            out.writeByteArray(2, message(o -> o.writeByteArray(1, tensorType)));
        });
    }
}
