package io.smartlinkd.agent;

import java.util.Locale;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * The final classification of a user agent: uap-java's full parse (about 1 ms), mapped onto {@link Families} codes
 * and {@link DeviceTypes}, with the bot verdict of the {@link BotRules}. Background thread only: a parse is far too
 * slow for an event loop. Not thread-safe in intent (one owner); building it loads uap-java's regexes (~1 s).
 */
final class FullParse {
    private static final String SPIDER = "Spider";

    private final Parser parser;

    FullParse() {
        this.parser = new Parser();
    }

    long classify(String userAgent, BotRules rules) {
        if (userAgent.isEmpty()) {
            return Classification.ABSENT;
        }
        Client client = parser.parse(userAgent);
        String deviceFamily = client.device.family;
        boolean spider = SPIDER.equals(deviceFamily);
        int os = Families.osCode(client.os.family);
        String lower = userAgent.toLowerCase(Locale.ROOT);
        int device = DeviceTypes.of(os,
                deviceFamily.startsWith("iPad") || lower.contains("ipad"),
                deviceFamily.startsWith("iPhone") || deviceFamily.startsWith("iPod"),
                lower.contains("mobile"),
                lower.contains("tablet") || deviceFamily.contains("Tablet") || deviceFamily.startsWith("Kindle"),
                spider);
        return Classification.of(device, os, Families.browserCode(client.userAgent.family),
                rules.isBot(userAgent, spider), true);
    }
}
