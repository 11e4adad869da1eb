package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DomainTableTest {
    private final Domain go = Domain.of(1, "go.example.com", null);
    private final Domain ref = Domain.of(2, "ref.example.org", null);

    @Test
    void shouldMatchHostCaseInsensitivelyIgnoringPortAndTrailingDot() {
        DomainTable table = new DomainTable(List.of(go, ref),
                Map.of("go.example.com", 1, "ref.example.org", 2, "localhost", 1, "::1", 1), null);
        assertEquals(go, table.match("go.example.com"));
        assertEquals(go, table.match("GO.Example.COM:8080"));
        assertEquals(go, table.match("go.example.com."));
        assertEquals(ref, table.match("ref.example.org:443"));
        assertEquals(go, table.match("localhost:8080"));
        assertNull(table.match("evil.com"));
        assertNull(table.match(""));
        assertNull(table.match("go.example.com.evil.com"));
        assertNull(table.match("gö.example.com"));
        assertNull(table.match(null));
    }

    @Test
    void shouldFallBackToTheDefaultDomainForUnknownHosts() {
        DomainTable table = new DomainTable(List.of(go, ref), Map.of("go.example.com", 1, "ref.example.org", 2), go);
        assertEquals(go, table.match("127.0.0.1:8080"));
        assertEquals(go, table.match(null));
        assertEquals(ref, table.match("ref.example.org"));
    }
}
