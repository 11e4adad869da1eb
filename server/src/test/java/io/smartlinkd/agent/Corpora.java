package io.smartlinkd.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-agent corpora the build fetches into {@code target/corpora} (corpora/fetch.sh): the {@code user-agents}
 * browser corpus with traffic weights and device labels, and the {@code crawler-user-agents} instances. Missing
 * corpora fail the test: the build always provides them.
 */
final class Corpora {
    /** One distinct browser user agent with its summed weight, entry count and device label. */
    record Browser(String userAgent, double weight, int entries, String deviceCategory) {
    }

    private Corpora() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("smartlinkd.corpora", "target/corpora"));
        assertTrue(Files.isRegularFile(dir.resolve("user-agents.json")),
                "user-agent corpora missing in " + dir.toAbsolutePath() + "; run the build (corpora/fetch.sh)");
        return dir;
    }

    static List<Browser> browsers() {
        Map<String, Browser> byAgent = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(dir().resolve("user-agents.json").toFile())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String userAgent = null;
                String category = null;
                double weight = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "userAgent" -> userAgent = parser.getText();
                        case "deviceCategory" -> category = parser.getText();
                        case "weight" -> weight = parser.getDoubleValue();
                        default -> parser.skipChildren();
                    }
                }
                Browser before = byAgent.get(userAgent);
                byAgent.put(userAgent, before == null ? new Browser(userAgent, weight, 1, category)
                        : new Browser(userAgent, before.weight() + weight, before.entries() + 1, category));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(byAgent.values());
    }

    /** Every {@code instances} entry of the crawler list, in order. */
    static List<String> crawlerInstances() {
        List<String> instances = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(dir().resolve("crawler-user-agents.json").toFile())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("instances") && value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.VALUE_STRING) {
                            instances.add(parser.getText());
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return instances;
    }
}
