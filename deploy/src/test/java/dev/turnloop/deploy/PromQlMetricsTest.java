package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricsTest {

    @Test
    void findsTheMetricsOfAnAggregationOverLabelReplace() {
        String expression = "sum by (app) (label_replace(kafka_stream_thread_process_rate{thread_id=~\"($app)-.+\"},"
                + " \"app\", \"$1\", \"thread_id\", \"(.+)-StreamThread-[0-9]+\"))";

        assertThat(PromQlMetrics.in(expression)).containsExactly("kafka_stream_thread_process_rate");
    }

    @Test
    void findsBothSidesOfABinaryOperationAndIgnoresRangesKeywordsAndNumbers() {
        String expression = "bottomk(10, a_rate{window=\"1d\"} and on (intent) (b_total{x=\"y\"} >= 20))"
                + " + increase(c_total[$__rate_interval]) * 1e3";

        assertThat(PromQlMetrics.in(expression)).containsExactly("a_rate", "b_total", "c_total");
    }

    @Test
    void findsNothingInAnExpressionWithoutMetrics() {
        assertThat(PromQlMetrics.in("vector(1) + 2")).isEmpty();
    }
}
