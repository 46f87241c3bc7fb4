package org.hepml.connect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.MlCommand;
import org.apache.spark.connect.proto.MlCommandResult;
import org.apache.spark.connect.proto.MlOperator;
import org.apache.spark.connect.proto.MlParams;
import org.apache.spark.connect.proto.MlRelation;
import org.apache.spark.connect.proto.ObjectRef;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.common.LiteralValueProtoConverter;
import scala.collection.Iterator;
import scala.runtime.BoxedUnit;

/**
 * Spark ML over Spark Connect from the JVM: the JVM client has no {@code org.apache.spark.ml} API, so this sends the
 * Connect protocol's ML messages itself, as PySpark's Connect client does: {@code MlRelation.Transform} (a stage by
 * class name and params, or a cached model by reference) for transform, {@code MlCommand} Fit, Evaluate, Write and
 * Read. Stages are named by class; params travel as literals the server reconciles with each param's type.
 */
final class RemoteMl {
    private final SparkSession spark;

    RemoteMl(SparkSession spark) {
        this.spark = spark;
    }

    SparkSession session() {
        return spark;
    }

    /** Param literals: Integer, Long, Double, Boolean, String and String[] values. */
    static MlParams params(Map<String, Object> values) {
        MlParams.Builder b = MlParams.newBuilder();
        values.forEach((k, v) -> b.putParams(k, LiteralValueProtoConverter.toLiteralProto(v)));
        return b.build();
    }

    /** The params of a stage the server sent back (after a read), as plain values. */
    static Map<String, Object> values(MlParams params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.getParamsMap().forEach((k, v) -> {
            Object value = LiteralValueProtoConverter.toScalaValue(v);
            if (value instanceof Object[] a && java.util.Arrays.stream(a).allMatch(String.class::isInstance)) {
                value = java.util.Arrays.copyOf(a, a.length, String[].class); // arrays come back untyped
            }
            out.put(k, value);
        });
        return out;
    }

    private static MlOperator operator(String className, MlOperator.OperatorType type) {
        return MlOperator.newBuilder()
                .setName(className)
                .setUid(shortName(className) + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .setType(type)
                .build();
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private Dataset<Row> relation(MlRelation.Transform transform) {
        Relation r = Relation.newBuilder()
                .setMlRelation(MlRelation.newBuilder().setTransform(transform))
                .build();
        return spark.newDataFrame(b -> {
            b.mergeFrom(r);
            return BoxedUnit.UNIT;
        });
    }

    /** A transformer of this class with these params, applied to {@code input} on the server. */
    Dataset<Row> transform(Dataset<Row> input, String className, Map<String, Object> params) {
        return relation(MlRelation.Transform.newBuilder()
                .setTransformer(operator(className, MlOperator.OperatorType.OPERATOR_TYPE_TRANSFORMER))
                .setInput(root(input))
                .setParams(params(params))
                .build());
    }

    /** A model the server holds (from fit or read), applied to {@code input}. */
    Dataset<Row> transformWithModel(Dataset<Row> input, String modelRef) {
        return relation(MlRelation.Transform.newBuilder()
                .setObjRef(ObjectRef.newBuilder().setId(modelRef))
                .setInput(root(input))
                .setParams(MlParams.getDefaultInstance())
                .build());
    }

    /** Fits an estimator of this class on the server; returns the reference of the model it keeps for this session. */
    String fit(Dataset<Row> input, String className, Map<String, Object> params) {
        MlCommandResult r = execute(MlCommand.newBuilder()
                .setFit(MlCommand.Fit.newBuilder()
                        .setEstimator(operator(className, MlOperator.OperatorType.OPERATOR_TYPE_ESTIMATOR))
                        .setParams(params(params))
                        .setDataset(root(input)))
                .build());
        return r.getOperatorInfo().getObjRef().getId();
    }

    /** An evaluator's metric of {@code input}. */
    double evaluate(Dataset<Row> input, String className, Map<String, Object> params) {
        MlCommandResult r = execute(MlCommand.newBuilder()
                .setEvaluate(MlCommand.Evaluate.newBuilder()
                        .setEvaluator(operator(className, MlOperator.OperatorType.OPERATOR_TYPE_EVALUATOR))
                        .setParams(params(params))
                        .setDataset(root(input)))
                .build());
        Expression.Literal metric = r.getParam();
        return ((Number) LiteralValueProtoConverter.toScalaValue(metric)).doubleValue();
    }

    /** Saves a model the server holds to a path on the server's file system (overwriting). */
    void save(String modelRef, String path) {
        execute(MlCommand.newBuilder()
                .setWrite(MlCommand.Write.newBuilder()
                        .setObjRef(ObjectRef.newBuilder().setId(modelRef))
                        .setParams(MlParams.getDefaultInstance())
                        .setPath(path)
                        .setShouldOverwrite(true))
                .build());
    }

    /** Loads a saved model of this class on the server; returns its reference. */
    String loadModel(String className, String path) {
        MlCommandResult r = execute(MlCommand.newBuilder()
                .setRead(MlCommand.Read.newBuilder()
                        .setOperator(operator(className, MlOperator.OperatorType.OPERATOR_TYPE_MODEL))
                        .setPath(path))
                .build());
        return r.getOperatorInfo().getObjRef().getId();
    }

    /** Loads a saved transformer's params (its class's static load, on the server). */
    Map<String, Object> loadTransformerParams(String className, String path) {
        MlCommandResult r = execute(MlCommand.newBuilder()
                .setRead(MlCommand.Read.newBuilder()
                        .setOperator(operator(className, MlOperator.OperatorType.OPERATOR_TYPE_TRANSFORMER))
                        .setPath(path))
                .build());
        return values(r.getOperatorInfo().getParams());
    }

    /** The plan a client DataFrame stands for, to send inside an ML message. */
    private static Relation root(Dataset<Row> df) {
        return ((org.apache.spark.sql.connect.Dataset<Row>) df).plan().getRoot();
    }

    private MlCommandResult execute(MlCommand command) {
        Iterator<ExecutePlanResponse> it = spark.execute(
                        Command.newBuilder().setMlCommand(command).build())
                .iterator();
        while (it.hasNext()) {
            ExecutePlanResponse r = it.next();
            if (r.hasMlCommandResult()) {
                return r.getMlCommandResult();
            }
        }
        throw new IllegalStateException("the server sent no ML result for " + command.getCommandCase());
    }
}
