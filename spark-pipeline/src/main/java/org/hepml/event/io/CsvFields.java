package org.hepml.event.io;

import java.util.List;

/**
 * Splits a line of the HiggsML files into fields at commas. The challenge files hold only numbers and one-letter
 * codes, never quoted fields, so a quote is kept as data and then fails the number parse with a clear message.
 */
final class CsvFields {
  private CsvFields() {}

  /** Clears {@code into}, fills it with the fields of {@code line}, and returns it (no regex, no copies). */
  static List<String> split(String line, List<String> into) {
    into.clear();
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (line.charAt(i) == ',') {
        into.add(line.substring(start, i));
        start = i + 1;
      }
    }
    into.add(line.substring(start, end));
    return into;
  }
}
