package io.smartlinkd.loadgen;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * The measured window's latency: sums the recorder's interval histograms into the run's total and, if asked, writes
 * each interval to an HdrHistogram log. The interval histogram is swapped with the recorder and reused. One thread
 * (the run's) uses it; values are in microseconds.
 */
final class LatencyLog implements Closeable {
    private final Recorder recorder;
    private final Histogram total = new Histogram(3);
    private final HistogramLogWriter log;
    private Histogram interval;

    /** @param startMs when the recorder's first interval began: the log's base time; {@code hlog} null = no log */
    LatencyLog(Recorder recorder, Path hlog, long startMs) throws IOException {
        this.recorder = recorder;
        if (hlog == null) {
            log = null;
            return;
        }
        log = new HistogramLogWriter(new PrintStream(Files.newOutputStream(hlog), false, "US-ASCII"));
        log.outputComment("smartlinkd OpenLoop, latency in microseconds, corrected for coordinated omission");
        log.outputLogFormatVersion();
        log.outputStartTime(startMs);
        log.setBaseTime(startMs);
        log.outputLegend();
    }

    /**
     * Takes the interval since the last sample.
     *
     * @param measuring the measured window has begun: log the interval even if it is empty
     */
    void sample(boolean measuring) {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (log != null && (interval.getTotalCount() > 0 || measuring)) {
            log.outputIntervalHistogram(interval);
        }
    }

    Histogram total() {
        return total;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
