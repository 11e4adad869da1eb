package io.smartlinkd.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The {@code user-agents} corpus (real browser user agents with traffic weights), which the build fetches into
 * {@code server/target/corpora} ({@code corpora/fetch.sh}); {@code -Dsmartlinkd.corpora=DIR} points elsewhere.
 * Immutable.
 */
public final class UserAgentCorpus {
    private final List<String> agents;
    private final double[] weights;
    private final double[] cumulative;

    private UserAgentCorpus(List<String> agents, double[] weights) {
        this.agents = List.copyOf(agents);
        this.weights = weights;
        this.cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
    }

    /** Reads the corpus, relative to the working directory (the repository root) unless the property says. */
    public static UserAgentCorpus load() throws IOException {
        Path file = Path.of(System.getProperty("smartlinkd.corpora", "server/target/corpora"), "user-agents.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " missing: build first (mvn package runs"
                    + " corpora/fetch.sh), and run from the repository root");
        }
        List<String> agents = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String userAgent = null;
                double weight = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("userAgent")) {
                        userAgent = parser.getText();
                    } else if (field.equals("weight")) {
                        weight = parser.getDoubleValue();
                    } else {
                        parser.skipChildren();
                    }
                }
                agents.add(userAgent);
                weights.add(weight);
            }
        }
        return new UserAgentCorpus(agents, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public List<String> agents() {
        return agents;
    }

    /** Traffic weights, index for index with {@link #agents()}. */
    public double[] weights() {
        return weights.clone();
    }

    /** {@code count} user agents drawn in proportion to their weights. */
    public String[] draw(int count, Random random) {
        double total = cumulative[cumulative.length - 1];
        String[] drawn = new String[count];
        for (int i = 0; i < count; i++) {
            double point = random.nextDouble() * total;
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (cumulative[middle] < point) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            drawn[i] = agents.get(low);
        }
        return drawn;
    }
}
