package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class OfferRegistryTest {
    @TempDir
    Path dir;

    @Test
    void shouldRememberNumbersAcrossReopening() throws IOException {
        OfferRegistry registry = OfferRegistry.open(dir);
        assertEquals(1, registry.nextNumber());
        registry.record(Map.of("casino-de", 1));
        registry.record(Map.of("safe", 2));
        OfferRegistry reopened = OfferRegistry.open(dir);
        assertEquals(1, reopened.number("casino-de"));
        assertEquals(2, reopened.number("safe"));
        assertEquals(0, reopened.number("unknown"));
        assertEquals(3, reopened.nextNumber());
    }

    @Test
    void shouldNeverReuseTheNumberOfARemovedOffer() throws IOException {
        RoutingFixture first = RoutingFixture.of(dir.resolve("a"), """
                offers:
                  - { id: old, url: "https://adv.example/old" }
                  - { id: kept, url: "https://adv.example/kept" }
                """, CapCounters.inMemory(), OfferRegistry.open(dir));
        OfferRegistry registry = OfferRegistry.open(dir);
        registry.record(first.compiled.routing().newOfferNumbers());
        RoutingFixture second = RoutingFixture.of(dir.resolve("b"), """
                offers:
                  - { id: fresh, url: "https://adv.example/fresh" }
                  - { id: kept, url: "https://adv.example/kept" }
                """, CapCounters.inMemory(), OfferRegistry.open(dir));
        assertEquals(first.offer("kept"), second.offer("kept"));
        assertEquals(3, second.offer("fresh"));
        assertEquals(Map.of("fresh", 3), second.compiled.routing().newOfferNumbers());
    }

    @Test
    void shouldRefuseAMalformedFile() throws IOException {
        Files.writeString(dir.resolve(OfferRegistry.FILE), "# header\n1\tgood\nnot a number\tbad\n");
        IOException refused = assertThrows(IOException.class, () -> OfferRegistry.open(dir));
        assertTrue(refused.getMessage().endsWith(":3: malformed offer number line"), refused.getMessage());
    }
}
