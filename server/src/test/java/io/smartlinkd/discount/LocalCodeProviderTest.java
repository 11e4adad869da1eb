package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LocalCodeProviderTest {
    @Test
    void shouldProvideEveryCodeWithoutAStoreId() {
        try (LocalCodeProvider provider = new LocalCodeProvider()) {
            assertEquals(List.of(new ProvidedCode("A1", 0), new ProvidedCode("B2", 0)),
                    provider.create(List.of("A1", "B2")));
            assertEquals(List.of(), provider.create(List.of()));
            assertEquals("local", provider.name());
        }
    }

    @Test
    void shouldIgnoreDeletes() {
        try (LocalCodeProvider provider = new LocalCodeProvider()) {
            provider.delete(List.of(new ProvidedCode("A1", 0), new ProvidedCode("UNKNOWN", 7)));
        }
    }
}
