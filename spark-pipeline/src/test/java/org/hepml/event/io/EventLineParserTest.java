package org.hepml.event.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hepml.event.HiggsEventSchema;
import org.hepml.testing.CsvFixtures;
import org.junit.jupiter.api.Test;

class EventLineParserTest {
    private static final int DER_MASS_MMC = 1; // row slot: EventId is slot 0
    private static final int LABEL_SLOT = 31;

    private static EventLineParser parser(List<String> header, EventFileFormat f) {
        return new EventLineParser(CsvHeader.parse(String.join(",", header), "test.csv"), f);
    }

    @Test
    void cernLineBecomesParquetValues() throws Exception {
        Object[] v = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN).parse(CsvFixtures.cernLine(6));
        assertEquals(35, v.length); // EventId + 30 features + label, weight, original_weight, KaggleSet
        assertEquals(100006L, v[0]);
        assertEquals(Double.parseDouble(CsvFixtures.featureValue(6, 0)), v[DER_MASS_MMC]);
        assertEquals(0.0601, (Double) v[2], 1e-15);
        assertEquals(2.0, v[1 + HiggsEventSchema.features().indexOf(HiggsEventSchema.JET_COUNT)]);
        assertEquals(1.0, v[LABEL_SLOT]); // s
        assertEquals(8.0, v[LABEL_SLOT + 1]); // weight = KaggleWeight = 2 + 6
        assertEquals(6.5, v[LABEL_SLOT + 2]); // original_weight = Weight = 0.5 + 6
        assertEquals("t", v[LABEL_SLOT + 3]);
    }

    @Test
    void missingValuesBecomeNull() throws Exception {
        Object[] v = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN).parse(CsvFixtures.cernLine(1));
        int sub = 1 + HiggsEventSchema.features().indexOf("PRI_jet_subleading_pt");
        assertNull(v[sub]);
        assertEquals(0.0, v[LABEL_SLOT]); // b
    }

    @Test
    void kaggleTrainUsesWeightAndKaggleTestHasNoBookkeeping() throws Exception {
        Object[] train = parser(CsvFixtures.kaggleTrainHeader(), EventFileFormat.KAGGLE_TRAIN)
                .parse(CsvFixtures.kaggleTrainLine(3));
        assertEquals(34, train.length);
        assertEquals(3.5, train[LABEL_SLOT + 1]);
        assertEquals(3.5, train[LABEL_SLOT + 2]);
        Object[] test = parser(CsvFixtures.kaggleTestHeader(), EventFileFormat.KAGGLE_TEST)
                .parse(CsvFixtures.kaggleTestLine(3));
        assertEquals(31, test.length);
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrder() throws Exception {
        List<String> header = new ArrayList<>(CsvFixtures.cernHeader());
        List<String> values = new ArrayList<>(List.of(CsvFixtures.cernLine(6).split(",")));
        Collections.reverse(header);
        Collections.reverse(values);
        Object[] v = parser(header, EventFileFormat.CERN).parse(String.join(",", values));
        Object[] expected =
                parser(CsvFixtures.cernHeader(), EventFileFormat.CERN).parse(CsvFixtures.cernLine(6));
        assertEquals(List.of(expected), List.of(v));
    }

    @Test
    void badLinesNameTheColumn() {
        EventLineParser p = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN);
        String good = CsvFixtures.cernLine(4);
        String mmc = "," + CsvFixtures.featureValue(4, 0) + ",";
        assertBad(p, good.replace(",s,t,", ",x,t,"), "Label", "'s' or 'b'");
        assertBad(p, good.replaceFirst(mmc, ",abc,"), "DER_mass_MMC", "not a number: 'abc'");
        assertBad(p, good.replaceFirst(mmc, ",NaN,"), "DER_mass_MMC", "not a finite number");
        assertBad(p, good.replaceFirst(mmc, ",,"), "DER_mass_MMC", "empty value");
        assertBad(p, good.replace(",s,t,", ",s,q,"), "KaggleSet", "t, b, v, u");
        assertBad(p, good.replaceFirst("^100004", "1e5"), "EventId", "not an integer");
        assertBad(p, good.substring(0, good.lastIndexOf(',')), null, "expected 35 fields, found 34");
        assertBad(p, good.replaceFirst(mmc, ",Infinity,"), "DER_mass_MMC", "not a finite number");
        assertBad(p, good.replaceFirst(mmc, ", ,"), "DER_mass_MMC", "empty value");
    }

    /** -999 only where HiggsML has missing values; weights positive; values within physical ranges. */
    @Test
    void impossibleValuesNameTheColumn() {
        EventLineParser p = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN);
        String[] f = CsvFixtures.cernLine(4).split(",");
        String[] cases = {
            "PRI_tau_pt",
            "-999.0",
            "PRI_tau_pt is never missing in HiggsML data, found -999.0",
            "PRI_tau_pt",
            "1e30",
            "PRI_tau_pt = 1.0E30 is outside its physical range [0, 14000]",
            "DER_mass_vis",
            "-3",
            "outside its physical range [0, 14000]",
            "PRI_lep_phi",
            "3.5",
            "PRI_lep_phi = 3.5 is outside its physical range [-3.1426, 3.1426]",
            "PRI_tau_eta",
            "-12",
            "outside its physical range [-10, 10]",
            "DER_lep_eta_centrality",
            "1.2",
            "outside its physical range [0, 1]",
            "Weight",
            "0",
            "Weight must be positive, found 0.0",
            "KaggleWeight",
            "-0.5",
            "KaggleWeight must be positive, found -0.5"
        };
        List<String> header = CsvFixtures.cernHeader();
        for (int c = 0; c < cases.length; c += 3) {
            String[] g = f.clone();
            g[header.indexOf(cases[c])] = cases[c + 1];
            assertBad(p, String.join(",", g), cases[c], cases[c + 2]);
        }
        // where HiggsML does have missing values, -999 is a missing value
        String[] g = f.clone();
        g[header.indexOf("DER_mass_MMC")] = "-999.0";
        assertDoesNotThrow(() -> p.parse(String.join(",", g)));
    }

    @Test
    void jetCountMustBeAnIntegerFrom0To3() {
        EventLineParser p = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN);
        String[] f = CsvFixtures.cernLine(4).split(",");
        int at = 1 + HiggsEventSchema.features().indexOf(HiggsEventSchema.JET_COUNT);
        for (String bad : new String[] {"4", "-1", "1.5"}) {
            f[at] = bad;
            assertBad(p, String.join(",", f), HiggsEventSchema.JET_COUNT, "integer from 0 to 3");
        }
    }

    @Test
    void windowsLineEndingsAreAccepted() throws Exception {
        Object[] v = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN).parse(CsvFixtures.cernLine(2) + "\r");
        assertEquals("t", v[LABEL_SLOT + 3]);
    }

    private static void assertBad(EventLineParser p, String line, String column, String reasonPart) {
        BadRowException e = assertThrows(BadRowException.class, () -> p.parse(line));
        assertEquals(column, e.column());
        assertTrue(e.reason().contains(reasonPart), e.reason());
    }
}
