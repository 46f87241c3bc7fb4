package org.hepml.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one place that knows the HiggsML 2014 event schema: the source columns of the challenge files, their
 * groups (four-vectors, scalars, the jet count, derived features, bookkeeping), which may be missing, and the
 * columns of the event Parquet that {@code ingest} and {@code generate} write. Other stages ask it for names.
 *
 * <p>Parquet layout: {@code EventId} (long), the 30 features (double, null where the source had -999.0),
 * then where the source has them {@code label} (1.0 signal, 0.0 background), {@code weight} (KaggleWeight where
 * present, else Weight), {@code original_weight} (the source's {@code Weight}) and {@code KaggleSet} (string).
 * The source {@code Weight} is renamed because Spark resolves column names case-insensitively by default, so
 * {@code Weight} beside {@code weight} would make every reference to either ambiguous.
 */
public final class HiggsEventSchema {
    public static final String EVENT_ID = "EventId";
    public static final String LABEL = "label";
    public static final String WEIGHT = "weight";
    public static final String ORIGINAL_WEIGHT = "original_weight";
    public static final String KAGGLE_SET = "KaggleSet";

    /** Source-file columns that the Parquet layout renames or re-encodes. */
    public static final String SOURCE_LABEL = "Label";

    public static final String SOURCE_WEIGHT = "Weight";
    public static final String SOURCE_KAGGLE_WEIGHT = "KaggleWeight";

    /** The value the challenge files use for "undefined". */
    public static final double MISSING_VALUE = -999.0;

    public static final String JET_COUNT = "PRI_jet_num";
    public static final String MET_SUMET = "PRI_met_sumet";
    public static final String JET_ALL_PT = "PRI_jet_all_pt";
    public static final int MAX_JET_COUNT = 3;

    public static final String DER_MASS_MMC = "DER_mass_MMC";

    private static final List<String> DERIVED = List.of(
            DER_MASS_MMC,
            "DER_mass_transverse_met_lep",
            "DER_mass_vis",
            "DER_pt_h",
            "DER_deltaeta_jet_jet",
            "DER_mass_jet_jet",
            "DER_prodeta_jet_jet",
            "DER_deltar_tau_lep",
            "DER_pt_tot",
            "DER_sum_pt",
            "DER_pt_ratio_lep_tau",
            "DER_met_phi_centrality",
            "DER_lep_eta_centrality");

    /** The 17 primary features in the order of the challenge files. */
    private static final List<String> PRIMARY = List.of(
            "PRI_tau_pt",
            "PRI_tau_eta",
            "PRI_tau_phi",
            "PRI_lep_pt",
            "PRI_lep_eta",
            "PRI_lep_phi",
            "PRI_met",
            "PRI_met_phi",
            MET_SUMET,
            JET_COUNT,
            "PRI_jet_leading_pt",
            "PRI_jet_leading_eta",
            "PRI_jet_leading_phi",
            "PRI_jet_subleading_pt",
            "PRI_jet_subleading_eta",
            "PRI_jet_subleading_phi",
            JET_ALL_PT);

    private static final List<String> FEATURES;

    static {
        List<String> all = new ArrayList<>(DERIVED);
        all.addAll(PRIMARY);
        FEATURES = Collections.unmodifiableList(all);
    }

    /**
     * Features that are undefined in some events (jets absent for {@code PRI_jet_num} below 1 or 2; the MMC mass
     * when its fit fails). A -999 elsewhere is not a documented missing value.
     */
    private static final Set<String> MAY_BE_MISSING = Set.of(
            DER_MASS_MMC,
            "DER_deltaeta_jet_jet",
            "DER_mass_jet_jet",
            "DER_prodeta_jet_jet",
            "DER_lep_eta_centrality",
            "PRI_jet_leading_pt",
            "PRI_jet_leading_eta",
            "PRI_jet_leading_phi",
            "PRI_jet_subleading_pt",
            "PRI_jet_subleading_eta",
            "PRI_jet_subleading_phi");

    private HiggsEventSchema() {}

    /** The 30 features (13 DER_ then 17 PRI_), in the order of the challenge files. */
    public static List<String> features() {
        return FEATURES;
    }

    /** The 13 derived features: functions of the primary ones, invariant under the detector symmetries. */
    public static List<String> derivedFeatures() {
        return DERIVED;
    }

    /** The 17 primary features. */
    public static List<String> primaryFeatures() {
        return PRIMARY;
    }

    /** Objects with a momentum: tau, lepton, met, leading and subleading jet. */
    public static List<PhysicsObject> objects() {
        return List.of(PhysicsObject.values());
    }

    /** Scalar primary features that no rotation or flip changes (besides the jet count). */
    public static List<String> scalars() {
        return List.of(MET_SUMET, JET_ALL_PT);
    }

    public static boolean isFeature(String column) {
        return FEATURES.contains(column);
    }

    public static boolean mayBeMissing(String column) {
        return MAY_BE_MISSING.contains(column);
    }

    /** The schema of event Parquet, with the bookkeeping columns the source provides. */
    public static StructType parquetSchema(boolean labelled, boolean hasKaggleSet) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(EVENT_ID, DataTypes.LongType, false));
        for (String f : FEATURES) {
            fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, true));
        }
        if (labelled) {
            fields.add(DataTypes.createStructField(LABEL, DataTypes.DoubleType, false));
            fields.add(DataTypes.createStructField(WEIGHT, DataTypes.DoubleType, false));
            fields.add(DataTypes.createStructField(ORIGINAL_WEIGHT, DataTypes.DoubleType, false));
        }
        if (hasKaggleSet) {
            fields.add(DataTypes.createStructField(KAGGLE_SET, DataTypes.StringType, false));
        }
        return DataTypes.createStructType(fields);
    }
}
