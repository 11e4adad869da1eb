package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names links claim, on the heap for small configs and off it for millions of links. */
class NameClaimsTest {
    private static final List<String> FILES = List.of("domains.yaml", "links/a.yaml", "links/b.yaml");

    @Test
    void shouldPointAtTheFirstClaimOffHeap() {
        try (NameClaims claims = NameClaims.forLinks(NameClaims.OFF_HEAP_ABOVE + 1, FILES)) {
            assertNull(claims.claim("s\0go.example.com\0a", new SourceLocation("links/b.yaml", 123_456, 7)));
            assertEquals(new SourceLocation("links/b.yaml", 123_456, 7),
                    claims.claim("s\0go.example.com\0a", new SourceLocation("links/a.yaml", 1, 1)));
            assertTrue(claims.isClaimed("s\0go.example.com\0a"));
            assertFalse(claims.isClaimed("s\0go.example.com\0b"));
        }
    }

    @Test
    void shouldPointAtTheFirstClaimOnHeap() {
        try (NameClaims claims = NameClaims.forLinks(10, FILES)) {
            assertNull(claims.claim("i\0x", new SourceLocation("links/a.yaml", 3, 5)));
            assertEquals(new SourceLocation("links/a.yaml", 3, 5), claims.claim("i\0x", SourceLocation.of("b")));
        }
    }
}
