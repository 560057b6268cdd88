package dev.turnloop.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.app.replay.TurnFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real conversations read from a turns file, grouped and ordered, to be replayed as live traffic. */
public final class ConversationLibrary {

    /** One turn of a recorded conversation: who spoke and what they said. */
    public record RecordedTurn(String role, String text) {
    }

    /** A recorded conversation. */
    public record Recorded(String id, List<RecordedTurn> turns) {
    }

    private ConversationLibrary() {
    }

    public static List<Recorded> read(TurnFile file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<RecordedTurn>> byConversation = new LinkedHashMap<>();
        try (BufferedReader reader = file.open()) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                byConversation.computeIfAbsent(node.path("conversation_id").asText(), id -> new ArrayList<>())
                        .add(new RecordedTurn(node.path("role").asText("user"), node.path("text").asText("")));
            }
        }
        List<Recorded> conversations = new ArrayList<>();
        byConversation.forEach((id, turns) -> conversations.add(new Recorded(id, turns)));
        return conversations;
    }
}
