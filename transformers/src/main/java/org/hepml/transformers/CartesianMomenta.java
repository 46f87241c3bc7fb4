package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.sinh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.PhysicsObject;
import org.hepml.persistence.ParamsReader;

/**
 * (pT, η, φ) → (px = pT cos φ, py = pT sin φ, pz = pT sinh η) for tau, lepton and jets, and met (pT, φ) →
 * (px, py); new columns {@code PRI_tau_px}, ... (names from {@link PhysicsObject}). Absent jets give null.
 * With {@code keepOriginals = false} (the default) the polar columns are dropped, except the met's pT
 * {@code PRI_met}, a rotation-invariant scalar the reference model keeps as an input.
 */
public final class CartesianMomenta extends EventStage {
    private static final long serialVersionUID = 1L;
    private final BooleanParam keepOriginals =
            new BooleanParam(this, "keepOriginals", "keep the (pt, eta, phi) columns beside the Cartesian ones");

    public CartesianMomenta(String uid) {
        super(uid);
        setDefault(keepOriginals, false);
    }

    public CartesianMomenta() {
        this(Identifiable$.MODULE$.randomUID("cartesianMomenta"));
    }

    public BooleanParam keepOriginals() {
        return keepOriginals;
    }

    public boolean getKeepOriginals() {
        return (Boolean) getOrDefault(keepOriginals);
    }

    public CartesianMomenta setKeepOriginals(boolean value) {
        set(keepOriginals, value);
        return this;
    }

    private static List<PhysicsObject> convertible(StructType schema) {
        List<PhysicsObject> out = new ArrayList<>();
        List<String> names = List.of(schema.fieldNames());
        for (PhysicsObject o : EventObjectColumns.of(schema).polar()) {
            if (names.contains(o.ptColumn())) {
                out.add(o);
            }
        }
        return out;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        List<PhysicsObject> objects = convertible(schema);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException(who() + ": no (pt, eta, phi) columns to convert, such as "
                    + PhysicsObject.LEPTON.ptColumn() + "; columns are " + String.join(", ", schema.fieldNames()));
        }
        EventObjectColumns.requireNumeric(who(), schema);
        List<StructField> fields = new ArrayList<>();
        List<String> dropped = dropped(objects);
        for (StructField f : schema.fields()) {
            if (!dropped.contains(f.name())) {
                fields.add(f);
            }
        }
        for (PhysicsObject o : objects) {
            fields.add(DataTypes.createStructField(o.pxColumn(), DataTypes.DoubleType, true));
            fields.add(DataTypes.createStructField(o.pyColumn(), DataTypes.DoubleType, true));
            o.pzColumn().ifPresent(pz -> fields.add(DataTypes.createStructField(pz, DataTypes.DoubleType, true)));
        }
        return DataTypes.createStructType(fields);
    }

    private List<String> dropped(List<PhysicsObject> objects) {
        List<String> d = new ArrayList<>();
        if (getKeepOriginals()) {
            return d;
        }
        for (PhysicsObject o : objects) {
            if (o != PhysicsObject.MET) {
                d.add(o.ptColumn());
            }
            o.etaColumn().ifPresent(d::add);
            d.add(o.phiColumn());
        }
        return d;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        List<PhysicsObject> objects = convertible(dataset.schema());
        Map<String, Column> out = new LinkedHashMap<>();
        for (PhysicsObject o : objects) {
            Column pt = col(o.ptColumn());
            Column phi = col(o.phiColumn());
            out.put(o.pxColumn(), pt.multiply(cos(phi)));
            out.put(o.pyColumn(), pt.multiply(sin(phi)));
            o.etaColumn().ifPresent(eta -> out.put(o.pzColumn().get(), pt.multiply(sinh(col(eta)))));
        }
        return dataset.toDF().withColumns(out).drop(dropped(objects).toArray(new String[0]));
    }

    public static MLReader<CartesianMomenta> read() {
        return new ParamsReader<>();
    }

    public static CartesianMomenta load(String path) {
        return read().load(path);
    }
}
