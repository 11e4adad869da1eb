package io.smartlinkd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HeaderNamesTest {
    private static final String[] NAMES = {"host", "user-agent", "cookie", "accept-language", "referer",
        "sec-purpose", "purpose", "x-moz", "x-purpose", "content-length", "transfer-encoding", "x-forwarded-for",
        "connection"};

    @Test
    void shouldMatchEveryNameInAnyCaseByItsNumber() {
        for (int id = 0; id < NAMES.length; id++) {
            assertEquals(id, match(NAMES[id]));
            assertEquals(id, match(NAMES[id].toUpperCase(java.util.Locale.ROOT)));
            assertEquals(id, match(" x" + NAMES[id] + ":", 2, 2 + NAMES[id].length()), "at an offset");
        }
        assertEquals(HeaderNames.USER_AGENT, match("User-Agent"));
        assertEquals(HeaderNames.X_FORWARDED_FOR, match("X-Forwarded-For"));
    }

    @Test
    void shouldMatchNoOtherName() {
        for (String other : new String[] {"", "h", "hos", "hosts", "accept", "accept-encoding", "accept-languages",
            "x-forwarded-fo", "cookie2", "set-cookie", "a-very-long-header-name-indeed", "connectio", "x-mox"}) {
            assertEquals(HeaderNames.NONE, match(other), other);
        }
    }

    private static int match(String name) {
        return match(name, 0, name.length());
    }

    private static int match(String text, int start, int end) {
        return HeaderNames.match(text.getBytes(StandardCharsets.US_ASCII), start, end);
    }
}
