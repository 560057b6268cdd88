package dev.turnloop.metrics.breach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineHistoryTest {

    private static final long DAY = 86_400_000L;

    private static BaselineHistory.WindowCount day(int day, long conversations, long events) {
        return new BaselineHistory.WindowCount(day * DAY, (day + 1) * DAY, conversations, events);
    }

    @Test
    void keepsTheNewestWindowsAndSumsThem() {
        // Given
        BaselineHistory history = BaselineHistory.EMPTY;

        // When four daily windows are appended to a history of three
        for (int d = 0; d < 4; d++) {
            history = history.append(day(d, 10 * (d + 1), d + 1), 3);
        }

        // Then
        assertThat(history.windows()).extracting(BaselineHistory.WindowCount::start)
                .containsExactly(DAY, 2 * DAY, 3 * DAY);
        assertThat(history.conversations()).isEqualTo(20 + 30 + 40);
        assertThat(history.events()).isEqualTo(2 + 3 + 4);
        assertThat(BaselineHistory.decode(history.encode())).isEqualTo(history);
    }

    @Test
    void overlappingAndRepeatedWindowsAreNotCountedTwice() {
        // Given a 7-day window
        BaselineHistory history = BaselineHistory.EMPTY.append(
                new BaselineHistory.WindowCount(0, 7 * DAY, 70, 7), 7);

        // When the next hopping window (one day later) and the same window again arrive
        history = history.append(new BaselineHistory.WindowCount(DAY, 8 * DAY, 70, 7), 7);
        history = history.append(new BaselineHistory.WindowCount(0, 7 * DAY, 70, 7), 7);

        // Then
        assertThat(history.windows()).hasSize(1);
        assertThat(history.append(new BaselineHistory.WindowCount(7 * DAY, 14 * DAY, 70, 7), 7).windows())
                .hasSize(2);
    }
}
