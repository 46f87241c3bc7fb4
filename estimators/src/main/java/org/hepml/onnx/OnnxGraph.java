package org.hepml.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph under construction, and its checks: the graph's inputs, constant tensors (initializers), nodes
 * with attributes, and outputs; names made unique; every node input defined before it is used (so the node list is
 * in topological order); every operator one this builder knows, at the operator set the model declares. What the
 * ONNX checker verifies of a graph's structure, done here so a bad graph is an error at export, not in the
 * experiment's software. {@link OnnxWriter} encodes it.
 */
public final class OnnxGraph {
    /** Operators used, with the operator set each first had its present meaning in. */
    static final Map<String, Integer> OPERATORS = Map.ofEntries(
            Map.entry("Add", 7),
            Map.entry("Cast", 13),
            Map.entry("Concat", 13),
            Map.entry("Cos", 7),
            Map.entry("Div", 7),
            Map.entry("Equal", 13),
            Map.entry("Expand", 13),
            Map.entry("Gather", 13),
            Map.entry("Identity", 16),
            Map.entry("IsNaN", 13),
            Map.entry("MatMul", 13),
            Map.entry("Mul", 7),
            Map.entry("Relu", 14),
            Map.entry("Reshape", 14),
            Map.entry("Selu", 6),
            Map.entry("Sigmoid", 13),
            Map.entry("Sin", 7),
            Map.entry("Sinh", 9),
            Map.entry("Sub", 7),
            Map.entry("Where", 16));

    /** ONNX element types (TensorProto.DataType). */
    public static final int FLOAT = 1;

    public static final int INT64 = 7;

    /** A tensor value: its name, element type and shape (a negative dimension is the symbolic batch size). */
    record Value(String name, int type, long[] dims) {}

    /** A constant: name, element type, shape and its little-endian bytes. */
    record Tensor(String name, int type, long[] dims, byte[] raw) {}

    /** A node: operator, inputs, its one output, attributes (Long, Float, long[] values). */
    record Node(String op, List<String> inputs, String output, Map<String, Object> attributes) {}

    private final String name;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<Tensor> initializers = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> defined = new HashSet<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();

    public OnnxGraph(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    List<Value> inputs() {
        return inputs;
    }

    List<Value> outputs() {
        return outputs;
    }

    List<Tensor> initializers() {
        return initializers;
    }

    List<Node> nodes() {
        return nodes;
    }

    private String fresh(String hint) {
        int n = counters.merge(hint, 1, Integer::sum);
        String candidate = n == 1 ? hint : hint + "_" + n;
        while (defined.contains(candidate)) {
            candidate = hint + "_" + counters.merge(hint, 1, Integer::sum);
        }
        return candidate;
    }

    private String define(String n) {
        if (!defined.add(n)) {
            throw new IllegalStateException("ONNX graph " + name + ": the name '" + n + "' is defined twice");
        }
        return n;
    }

    /** A graph input of float32 of this shape. */
    public String input(String inputName, long... dims) {
        inputs.add(new Value(define(inputName), FLOAT, dims.clone()));
        return inputName;
    }

    /** A float32 constant. */
    public String constant(String hint, float[] values, long... dims) {
        check(values.length, dims, hint);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        String n = define(fresh(hint));
        initializers.add(new Tensor(n, FLOAT, dims.clone(), b.array()));
        return n;
    }

    /** An int64 constant. */
    public String constant(String hint, long[] values, long... dims) {
        check(values.length, dims, hint);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        String n = define(fresh(hint));
        initializers.add(new Tensor(n, INT64, dims.clone(), b.array()));
        return n;
    }

    private void check(int length, long[] dims, String hint) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != length) {
            throw new IllegalArgumentException(
                    "ONNX constant " + hint + ": " + length + " values for shape " + java.util.Arrays.toString(dims));
        }
    }

    /** A node of {@code op} on these inputs; returns the name of its output. */
    public String op(String op, Map<String, Object> attributes, String... in) {
        if (!OPERATORS.containsKey(op)) {
            throw new IllegalArgumentException("ONNX graph " + name + ": no operator " + op + " in this exporter");
        }
        for (String i : in) {
            if (!defined.contains(i)) {
                throw new IllegalStateException(
                        "ONNX graph " + name + ": node " + op + " reads '" + i + "' before anything defines it");
            }
        }
        String out = define(fresh(op.toLowerCase(java.util.Locale.ROOT)));
        nodes.add(new Node(op, List.of(in), out, Map.copyOf(attributes)));
        return out;
    }

    public String op(String op, String... in) {
        return op(op, Map.of(), in);
    }

    /** Declares {@code value} a graph output named {@code outputName}, float32 of this shape. */
    public void output(String outputName, String value, long... dims) {
        if (!defined.contains(value)) {
            throw new IllegalStateException("ONNX graph " + name + ": output " + outputName + " of undefined " + value);
        }
        String n = define(outputName);
        nodes.add(new Node("Identity", List.of(value), n, Map.of()));
        outputs.add(new Value(n, FLOAT, dims.clone()));
    }

    /** The operator set the graph needs at least; fails when {@code opset} is older. */
    int requireOpset(int opset) {
        int needed = 1;
        for (Node n : nodes) {
            needed = Math.max(needed, OPERATORS.get(n.op()));
        }
        if (opset < needed) {
            throw new IllegalArgumentException(
                    "ONNX graph " + name + " needs opset " + needed + " or later, got " + opset);
        }
        if (outputs.isEmpty() || inputs.isEmpty()) {
            throw new IllegalStateException("ONNX graph " + name + " has no input or no output");
        }
        return needed;
    }
}
