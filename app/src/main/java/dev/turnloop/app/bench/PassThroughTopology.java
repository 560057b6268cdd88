package dev.turnloop.app.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The benchmark baseline: reads the turns topic and writes every record unchanged, bytes in, bytes out. */
public final class PassThroughTopology {

    private PassThroughTopology() {
    }

    public static Topology build(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("turns-source"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-through-sink"));
        return builder.build();
    }
}
