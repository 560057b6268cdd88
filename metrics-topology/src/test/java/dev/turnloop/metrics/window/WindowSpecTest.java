package dev.turnloop.metrics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

    @Test
    void defaultsAreHourlyDailyAndASevenDayViewAdvancingDaily() {
        assertThat(WindowSpec.defaults()).extracting(WindowSpec::name).containsExactly("1h", "1d", "7d");
        assertThat(WindowSpec.defaults()).extracting(WindowSpec::hopping).containsExactly(false, false, true);
    }

    @Test
    void ofAHoppingViewOnlyTheWindowWhoseLastStepHoldsTheTimeIsCurrent() {
        // Given a 7-day view advancing daily and a time on Wednesday 10:00
        WindowSpec week = WindowSpec.hopping("7d", Duration.ofDays(7), Duration.ofDays(1), Duration.ZERO,
                Duration.ofDays(30));
        long wednesday = Instant.parse("2026-11-04T10:00:00Z").toEpochMilli();
        long endOfWednesday = Instant.parse("2026-11-05T00:00:00Z").toEpochMilli();

        // Then
        assertThat(week.isCurrent(endOfWednesday, wednesday)).isTrue();
        assertThat(week.isCurrent(endOfWednesday + Duration.ofDays(1).toMillis(), wednesday)).isFalse();
        assertThat(WindowSpec.tumbling("1h", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(1))
                .isCurrent(0, wednesday)).as("tumbling windows are always current").isTrue();
    }

    @Test
    void inconsistentSpecsAreRejected() {
        assertThatThrownBy(() -> WindowSpec.hopping("7d", Duration.ofDays(7), Duration.ofDays(2), Duration.ZERO,
                Duration.ofDays(30))).hasMessageContaining("advance must divide size");
        assertThatThrownBy(() -> WindowSpec.tumbling("1d", Duration.ofDays(1), Duration.ofHours(1),
                Duration.ofHours(20))).hasMessageContaining("retention");
        assertThatThrownBy(() -> WindowSpec.tumbling("1 d", Duration.ofDays(1), Duration.ZERO, Duration.ofDays(2)))
                .hasMessageContaining("window name");
    }
}
