package org.hepml.jobs;

import java.util.Locale;

/** Parsing of option values that several jobs share. */
final class JobArgs {
  private JobArgs() {}

  /** {@code --mode error|overwrite}: true for overwrite. */
  static boolean overwrite(String mode) {
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "error":
        return false;
      case "overwrite":
        return true;
      default:
        throw new IllegalArgumentException("unknown --mode '" + mode + "': use error or overwrite");
    }
  }
}
