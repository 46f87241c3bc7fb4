package org.hepml.event.io;

import java.util.List;

/**
 * What an ingest wrote, counted from its output: events (signal and background where labelled) and quarantined
 * lines. Every non-blank data line of the input is in exactly one of the two.
 */
public record IngestReport(
        List<String> files,
        EventFileFormat format,
        String output,
        long events,
        long signal,
        long background,
        long quarantined,
        String quarantinePath,
        List<String> unusedColumns,
        double seconds) {}
