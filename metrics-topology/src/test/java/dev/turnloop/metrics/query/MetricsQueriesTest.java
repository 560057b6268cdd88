package dev.turnloop.metrics.query;

import static dev.turnloop.metrics.MetricsHarness.T0;
import static dev.turnloop.metrics.MetricsHarness.cohort;
import static dev.turnloop.metrics.MetricsHarness.confirmed;
import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.metrics.MetricsHarness;
import dev.turnloop.schemas.Outcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsQueriesTest {

    private final MetricsHarness metrics = new MetricsHarness();
    private final MetricsQueries queries = new MetricsQueries(metrics.settings.windows(),
            new DriverStores(metrics.driver), InstanceRouter.SINGLE_INSTANCE, (host, path) -> {
                throw new AssertionError("a single instance never asks another one");
            });

    @AfterEach
    void close() {
        metrics.close();
    }

    private void conversation(String intent, String id, String prompt, String segment, Outcome outcome, Instant at) {
        metrics.send(confirmed(intent, summary(id, outcome, at).setCohort(cohort(prompt, segment)).build()));
    }

    @Test
    void theIntentListShowsEachIntentsLatestWindowBusiestFirst() throws Exception {
        // Given billing on day 0, and export on day 0 and (twice) on day 1
        conversation("billing", "b1", "p1", "plan=trial", Outcome.ABANDONED, T0.plusSeconds(10));
        conversation("export", "e1", "p1", "plan=trial", Outcome.COMPLETED, T0.plusSeconds(20));
        conversation("export", "e2", "p1", "plan=trial", Outcome.COMPLETED, T0.plus(Duration.ofDays(1)));
        conversation("export", "e3", "p1", "plan=trial", Outcome.ABANDONED, T0.plus(Duration.ofDays(1)));

        // When
        List<MetricsView> intents = queries.intents("1d", false);

        // Then
        assertThat(intents).extracting(MetricsView::intentId).containsExactly("export", "billing");
        assertThat(intents.get(0).windowStart()).isEqualTo(T0.plus(Duration.ofDays(1)).toString());
        assertThat(intents.get(0).conversations()).isEqualTo(2);
        assertThat(intents.get(0).completionRate()).isEqualTo(0.5);
        assertThat(intents.get(1).abandonmentRate()).isEqualTo(1.0);
        assertThat(intents).extracting(MetricsView::cohortKey).containsOnly("*");
    }

    @Test
    void aSeriesListsTheWindowsOfOneIntentAndCohortOldestFirst() throws Exception {
        // Given export in two hours, on two prompt versions
        conversation("export", "e1", "p1", "plan=trial", Outcome.COMPLETED, T0.plusSeconds(10));
        conversation("export", "e2", "p2", "plan=trial", Outcome.ABANDONED, T0.plusSeconds(20));
        conversation("export", "e3", "p2", "plan=trial", Outcome.COMPLETED, T0.plus(Duration.ofMinutes(70)));

        // When
        List<MetricsView> total = queries.series("export", "1h", "*", Optional.empty(), Optional.empty(), false);
        List<MetricsView> p2 = queries.series("export", "1h", "p2|h1|c1|plan=trial", Optional.empty(),
                Optional.empty(), false);
        List<MetricsView> firstHourOnly = queries.series("export", "1h", "*", Optional.of(T0), Optional.of(T0),
                false);

        // Then
        assertThat(total).extracting(MetricsView::windowStart)
                .containsExactly(T0.toString(), T0.plus(Duration.ofHours(1)).toString());
        assertThat(total).extracting(MetricsView::conversations).containsExactly(2L, 1L);
        assertThat(total.get(0).windowEnd()).isEqualTo(T0.plus(Duration.ofHours(1)).toString());
        assertThat(p2).extracting(MetricsView::conversations).containsExactly(1L, 1L);
        assertThat(p2).extracting(MetricsView::promptVersion).containsOnly("p2");
        assertThat(firstHourOnly).hasSize(1);
    }

    @Test
    void theCohortsOfAnIntentAreShownForItsLatestWindowTotalFirst() throws Exception {
        // Given export on p1 and p2 for trial users and on p1 for pro users, and another intent
        conversation("export", "e1", "p1", "plan=trial", Outcome.COMPLETED, T0.plusSeconds(10));
        conversation("export", "e2", "p2", "plan=trial", Outcome.ABANDONED, T0.plusSeconds(20));
        conversation("export", "e3", "p1", "plan=pro", Outcome.COMPLETED, T0.plusSeconds(30));
        conversation("exporter", "x1", "p9", "plan=pro", Outcome.COMPLETED, T0.plusSeconds(40));

        // When
        List<MetricsView> cohorts = queries.cohorts("export", "1d", Optional.empty(), Optional.empty(), false);

        // Then
        assertThat(cohorts).extracting(MetricsView::cohortKey).containsExactly("*", "*|*|*|plan=pro",
                "*|*|*|plan=trial", "p1|h1|c1|plan=pro", "p1|h1|c1|plan=trial", "p2|h1|c1|plan=trial");
        assertThat(cohorts).extracting(MetricsView::cohortLevel).containsExactly("all", "segment", "segment",
                "cohort", "cohort", "cohort");
        assertThat(cohorts.get(0).conversations()).isEqualTo(3);
        assertThat(cohorts).extracting(MetricsView::intentId).containsOnly("export");
        assertThat(queries.cohorts("unknown", "1d", Optional.empty(), Optional.empty(), false)).isEmpty();
    }

    @Test
    void anUnknownWindowIsABadRequest() {
        assertThatThrownBy(() -> queries.intents("2w", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown window '2w'");
    }

    @Test
    void anIntentHeldByAnotherInstanceIsFetchedFromItsQueryServer() throws Exception {
        // Given a second instance that holds "billing" and serves its query API over HTTP
        try (MetricsHarness other = new MetricsHarness()) {
            other.send(confirmed("billing", summary("b1", Outcome.ABANDONED, T0.plusSeconds(5)).build()));
            MetricsQueries otherQueries = new MetricsQueries(other.settings.windows(), new DriverStores(other.driver),
                    InstanceRouter.SINGLE_INSTANCE, (host, path) -> List.of());
            try (MetricsHttpServer otherServer = MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                    otherQueries, new ObjectMapper())) {
                HostInfo otherHost = new HostInfo("127.0.0.1", otherServer.address().getPort());
                InstanceRouter router = new InstanceRouter() {
                    @Override
                    public Optional<HostInfo> remoteOwnerOf(String intentId) {
                        return intentId.equals("billing") ? Optional.of(otherHost) : Optional.empty();
                    }

                    @Override
                    public List<HostInfo> otherInstances() {
                        return List.of(otherHost);
                    }
                };
                MetricsQueries routed = new MetricsQueries(metrics.settings.windows(),
                        new DriverStores(metrics.driver), router,
                        RemoteQueries.http(new ObjectMapper(), Duration.ofSeconds(5)));
                conversation("export", "e1", "p1", "plan=trial", Outcome.COMPLETED, T0.plusSeconds(10));

                // When
                List<MetricsView> billing = routed.series("billing", "1d", "*", Optional.empty(), Optional.empty(),
                        false);
                List<MetricsView> billingCohorts = routed.cohorts("billing", "1d", Optional.empty(),
                        Optional.empty(), false);
                List<MetricsView> intents = routed.intents("1d", false);

                // Then
                assertThat(billing).singleElement().satisfies(v -> {
                    assertThat(v.intentId()).isEqualTo("billing");
                    assertThat(v.abandonmentRate()).isEqualTo(1.0);
                });
                assertThat(billingCohorts).extracting(MetricsView::cohortKey).contains("*", "p1|h1|c1|plan=trial");
                assertThat(intents).extracting(MetricsView::intentId).containsExactlyInAnyOrder("export", "billing");
            }
        }
    }
}
