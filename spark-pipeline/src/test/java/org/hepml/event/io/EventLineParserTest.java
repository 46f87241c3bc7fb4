package org.hepml.event.io;

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
    assertEquals(6.0, v[DER_MASS_MMC]);
    assertEquals(6.01, v[2]);
    assertEquals(2.0, v[1 + HiggsEventSchema.features().indexOf(HiggsEventSchema.JET_COUNT)]);
    assertEquals(1.0, v[LABEL_SLOT]);            // s
    assertEquals(8.0, v[LABEL_SLOT + 1]);        // weight = KaggleWeight = 2 + 6
    assertEquals(6.5, v[LABEL_SLOT + 2]);        // original_weight = Weight = 0.5 + 6
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
    Object[] train = parser(CsvFixtures.kaggleTrainHeader(), EventFileFormat.KAGGLE_TRAIN).parse(CsvFixtures.kaggleTrainLine(3));
    assertEquals(34, train.length);
    assertEquals(3.5, train[LABEL_SLOT + 1]);
    assertEquals(3.5, train[LABEL_SLOT + 2]);
    Object[] test = parser(CsvFixtures.kaggleTestHeader(), EventFileFormat.KAGGLE_TEST).parse(CsvFixtures.kaggleTestLine(3));
    assertEquals(31, test.length);
  }

  @Test
  void columnsAreFoundByNameWhateverTheirOrder() throws Exception {
    List<String> header = new ArrayList<>(CsvFixtures.cernHeader());
    List<String> values = new ArrayList<>(List.of(CsvFixtures.cernLine(6).split(",")));
    Collections.reverse(header);
    Collections.reverse(values);
    Object[] v = parser(header, EventFileFormat.CERN).parse(String.join(",", values));
    Object[] expected = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN).parse(CsvFixtures.cernLine(6));
    assertEquals(List.of(expected), List.of(v));
  }

  @Test
  void badLinesNameTheColumn() {
    EventLineParser p = parser(CsvFixtures.cernHeader(), EventFileFormat.CERN);
    String good = CsvFixtures.cernLine(4);
    assertBad(p, good.replace(",s,t,", ",x,t,"), "Label", "'s' or 'b'");
    assertBad(p, good.replaceFirst(",4.0,", ",abc,"), "DER_mass_MMC", "not a number: 'abc'");
    assertBad(p, good.replaceFirst(",4.0,", ",NaN,"), "DER_mass_MMC", "not a finite number");
    assertBad(p, good.replaceFirst(",4.0,", ",,"), "DER_mass_MMC", "empty value");
    assertBad(p, good.replace(",s,t,", ",s,q,"), "KaggleSet", "t, b, v, u");
    assertBad(p, good.replaceFirst("^100004", "1e5"), "EventId", "not an integer");
    assertBad(p, good.substring(0, good.lastIndexOf(',')), null, "expected 35 fields, found 34");
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
