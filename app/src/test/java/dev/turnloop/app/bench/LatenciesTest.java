package dev.turnloop.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesOfOneToAHundredMillisecondsAreTheMiddleAndTheTail() {
        // Given latencies 1..100 ms recorded in reverse order
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms);
        }

        // When summarised, then p50 is 50 ms, p99 is 99 ms, max is 100 ms
        LatencyPercentiles p = latencies.percentiles();
        assertThat(p.samples()).isEqualTo(100);
        assertThat(p.p50Ms()).isEqualTo(50);
        assertThat(p.p99Ms()).isEqualTo(99);
        assertThat(p.maxMs()).isEqualTo(100);
    }

    @Test
    void aNegativeLatencyFromClockReadingsCountsAsZero() {
        Latencies latencies = new Latencies();
        latencies.record(-3);

        assertThat(latencies.percentiles().maxMs()).isZero();
    }
}
