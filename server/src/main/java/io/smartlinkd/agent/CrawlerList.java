package io.smartlinkd.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a crawler list in the format of the MIT-licensed {@code crawler-user-agents} project: a JSON array of
 * objects whose {@code pattern} is a regular expression matched (case-sensitively, anywhere) against the user agent;
 * other keys ({@code instances}, {@code url}, {@code description}, ...) are ignored. A list is bundled into the jar
 * by the build; an operator may replace it with a newer file ({@code crawler_list} in {@code bots.yaml}).
 *
 * <p>Every pattern is compiled here, so a bad file is refused with the file, line and column of each bad pattern
 * rather than half-applied. Blocking I/O: call it from a start-up or reload thread.
 */
final class CrawlerList {
    static final String BUNDLED_RESOURCE = "/agent/crawler-user-agents.json";
    private static final String BUNDLED_NAME = "crawler-user-agents.json (bundled)";
    // The real list is about 0.5 MB; a bound keeps a wrong path (a log, a disk image) from being read whole.
    private static final long MAX_FILE_BYTES = 64L << 20;
    private static final int MAX_ERRORS = 50;

    /** A compiled pattern and where it was written. */
    record Entry(Pattern pattern, SourceLocation at) {
    }

    private CrawlerList() {
    }

    /** The list bundled into the jar, as bytes; refused when the build left it out. */
    static byte[] bundled() throws ConfigException {
        try (InputStream in = CrawlerList.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                // A build without generate-resources (corpora/fetch.sh) would ship no crawler detection at all.
                throw refused(SourceLocation.of(BUNDLED_NAME), "missing from the jar; build with Maven, which runs"
                        + " corpora/fetch.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw refused(SourceLocation.of(BUNDLED_NAME), "cannot read: " + e.getMessage());
        }
    }

    static String bundledName() {
        return BUNDLED_NAME;
    }

    /** An operator's list file, as bytes. */
    static byte[] file(Path file) throws ConfigException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw refused(SourceLocation.of(name), "larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw refused(SourceLocation.of(name), "cannot read: " + e.getMessage());
        }
    }

    /** The compiled patterns of a list; refused with every bad entry (up to 50) when any is bad. */
    static List<Entry> parse(byte[] json, String name) throws ConfigException {
        try (InputStream in = new ByteArrayInputStream(json)) {
            return read(in, name);
        } catch (IOException e) {
            throw refused(SourceLocation.of(name), "cannot read: " + e.getMessage());
        }
    }

    private static List<Entry> read(InputStream in, String name) throws ConfigException, IOException {
        List<Entry> entries = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw refused(at(name, parser.currentTokenLocation()), "expected a JSON array of crawler entries");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                SourceLocation entryAt = at(name, parser.currentTokenLocation());
                String pattern = null;
                SourceLocation patternAt = entryAt;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("pattern") && value == JsonToken.VALUE_STRING) {
                        pattern = parser.getText();
                        patternAt = at(name, parser.currentTokenLocation());
                    } else {
                        parser.skipChildren();
                    }
                }
                if (pattern == null || pattern.isEmpty()) {
                    addError(errors, new ConfigError(entryAt, "entry without a \"pattern\" string"));
                    continue;
                }
                try {
                    entries.add(new Entry(Pattern.compile(pattern), patternAt));
                } catch (PatternSyntaxException e) {
                    addError(errors, new ConfigError(patternAt, "invalid pattern: " + e.getDescription()));
                }
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                addError(errors, new ConfigError(at(name, parser.currentTokenLocation()),
                        "expected a crawler entry (a JSON object)"));
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            addError(errors, new ConfigError(location == null ? SourceLocation.of(name) : at(name, location),
                    "invalid JSON: " + e.getOriginalMessage()));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return List.copyOf(entries);
    }

    private static void addError(List<ConfigError> errors, ConfigError error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    private static SourceLocation at(String name, JsonLocation location) {
        return new SourceLocation(name, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static ConfigException refused(SourceLocation at, String message) {
        return new ConfigException(List.of(new ConfigError(at, message)));
    }
}
