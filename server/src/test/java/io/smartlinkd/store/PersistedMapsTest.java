package io.smartlinkd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A map left open by a killed process is recovered at the next open, keeping its entries. */
class PersistedMapsTest {
    @TempDir
    Path dir;

    private static ChronicleMapBuilder<CharSequence, CharSequence> builder() {
        return ChronicleMapBuilder.of(CharSequence.class, CharSequence.class).name("t").entries(1000)
                .averageKeySize(8).averageValueSize(8);
    }

    @Test
    void shouldMarkAMapOpenUntilItIsClosed() throws Exception {
        Path file = dir.resolve("t.cm3");
        ChronicleMap<CharSequence, CharSequence> map = PersistedMaps.open(builder(), file);
        assertTrue(Files.exists(dir.resolve("t.cm3.open")));
        map.put("k", "v");
        PersistedMaps.close(map, file);
        assertFalse(Files.exists(dir.resolve("t.cm3.open")));
    }

    @Test
    void shouldRecoverAMapItsLastUserDidNotCloseAndKeepItsEntries() throws Exception {
        Path file = dir.resolve("t.cm3");
        ChronicleMap<CharSequence, CharSequence> crashed = PersistedMaps.open(builder(), file);
        crashed.put("k", "v");
        // A killed process closes nothing: its mark stays. (This map is closed plainly, leaving the mark.)
        crashed.close();
        assertTrue(Files.exists(dir.resolve("t.cm3.open")));
        ChronicleMap<CharSequence, CharSequence> recovered = PersistedMaps.open(builder(), file);
        assertEquals("v", recovered.get("k").toString());
        recovered.put("k2", "v2");
        PersistedMaps.close(recovered, file);
        ChronicleMap<CharSequence, CharSequence> again = PersistedMaps.open(builder(), file);
        assertEquals(2, again.size());
        PersistedMaps.close(again, file);
    }
}
