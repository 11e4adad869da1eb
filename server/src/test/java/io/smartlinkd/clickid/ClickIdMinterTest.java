package io.smartlinkd.clickid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClickIdMinterTest {
    private static final ClickIdKey KEY = ClickIdKey.fromSecret("minter test secret, long enough");
    private static final Pattern URL_SAFE_36 = Pattern.compile("[A-Za-z0-9_-]{36}");
    private static final long NOW_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final ClickIdVerifier verifier = new ClickIdVerifier(KEY);

    @Test
    void shouldRoundTripEveryFieldThroughTheVerifier() {
        long[] times = {0, 1, NOW_MS, ClickIdLayout.MAX_EPOCH_MS};
        int[] nodes = {0, 1, 300, 65_535};
        int[] minters = {0, 7, 255};
        int[] links = {0, 1, 42, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        int[] offers = {0, 1, 65_535};
        for (int node : nodes) {
            for (int minterIndex : minters) {
                ClickIdMinter minter = new ClickIdMinter(KEY, node, minterIndex);
                for (long time : times) {
                    for (int link : links) {
                        for (int offer : offers) {
                            String text = minter.mintString(time, link, offer);
                            ClickId id = verifier.verify(text);
                            assertNotNull(id, text);
                            assertEquals(new ClickId(1, node, time, link, offer, minter.lastSequence()), id);
                            assertEquals(minterIndex, id.minterIndex());
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldMatchTheDocumentedLayoutEncodedByTheJdk() {
        ClickIdMinter minter = new ClickIdMinter(KEY, 513, 3, 0x00abcdef);
        String minted = minter.mintString(NOW_MS, 0x01020304, 7);

        ByteBuffer header = ByteBuffer.allocate(27); // big-endian
        header.put((byte) 1).putShort((short) 513);
        header.putShort((short) (NOW_MS >>> 32)).putInt((int) NOW_MS);
        header.putInt(0x01020304).putShort((short) 7).putInt(0x03abcdef);
        header.putLong(SipHash24.hash(KEY.k0(), KEY.k1(), header.array(), 0, 19));

        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(header.array()), minted);
    }

    @Test
    void shouldWriteThirtySixUrlSafeCharacters() {
        ClickIdMinter minter = new ClickIdMinter(KEY, 65_535, 255);
        for (int i = 0; i < 20_000; i++) {
            String text = minter.mintString(NOW_MS + i, i * 7919, i & 0xffff);
            assertEquals(ClickId.TEXT_LENGTH, text.length());
            assertTrue(URL_SAFE_36.matcher(text).matches(), text);
        }
    }

    @Test
    void shouldWriteOnlyItsThirtySixBytesAtTheOffset() {
        ClickIdMinter minter = new ClickIdMinter(KEY, 1, 1);
        byte[] out = new byte[50];
        Arrays.fill(out, (byte) '#');

        assertEquals(36, minter.mint(NOW_MS, 5, 0, out, 10));

        String text = new String(out, StandardCharsets.US_ASCII);
        assertEquals("#".repeat(10), text.substring(0, 10));
        assertEquals("#".repeat(4), text.substring(46));
        assertNotNull(verifier.verify(text.substring(10, 46)));
    }

    @Test
    @Timeout(60)
    void shouldMintUniqueIdsWithinOneMillisecondAcrossMintersAndNodes() {
        List<ClickIdMinter> minters = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            for (int minterIndex = 0; minterIndex < 3; minterIndex++) {
                minters.add(new ClickIdMinter(KEY, node, minterIndex, 0)); // identical counters: worst case
            }
        }
        int total = 1_000_000;
        Set<String> seen = new HashSet<>(2 * total);
        byte[] out = new byte[ClickId.TEXT_LENGTH];
        for (int i = 0; i < total; i++) {
            minters.get(i % minters.size()).mint(NOW_MS, 42, 0, out, 0);
            assertTrue(seen.add(new String(out, StandardCharsets.US_ASCII)), "duplicate at " + i);
        }
        assertEquals(total, seen.size());
    }

    @Test
    void shouldCountSequenceUpByOneAndKeepMinterIndexWhenCounterWraps() {
        ClickIdMinter minter = new ClickIdMinter(KEY, 9, 200, 0xfffffe);
        int[] expectedCounters = {0xfffffe, 0xffffff, 0, 1};
        for (int expected : expectedCounters) {
            ClickId id = verifier.verify(minter.mintString(NOW_MS, 1, 0));
            assertNotNull(id);
            assertEquals(200, id.minterIndex());
            assertEquals(expected, id.counter());
            assertEquals(minter.lastSequence(), id.sequence());
        }
    }

    @Test
    void shouldStartCountersOfDifferentMintersAtDifferentPlaces() {
        Set<Integer> firstCounters = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ClickIdMinter minter = new ClickIdMinter(KEY, 0, 0);
            firstCounters.add(verifier.verify(minter.mintString(NOW_MS, 1, 0)).counter());
        }
        assertTrue(firstCounters.size() > 1, "counters start at a random value");
    }

    @Test
    void shouldRejectOutOfRangeConstructorArguments() {
        assertThrows(NullPointerException.class, () -> new ClickIdMinter(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClickIdMinter(KEY, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClickIdMinter(KEY, 65_536, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClickIdMinter(KEY, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new ClickIdMinter(KEY, 0, 256));
    }

    @Test
    void shouldRejectOutOfRangeMintArgumentsWithoutConsumingASequence() {
        ClickIdMinter minter = new ClickIdMinter(KEY, 0, 0, 100);
        byte[] out = new byte[36];
        assertThrows(IllegalArgumentException.class, () -> minter.mint(-1, 1, 0, out, 0));
        assertThrows(IllegalArgumentException.class, () -> minter.mint(1L << 48, 1, 0, out, 0));
        assertThrows(IllegalArgumentException.class, () -> minter.mint(NOW_MS, 1, -1, out, 0));
        assertThrows(IllegalArgumentException.class, () -> minter.mint(NOW_MS, 1, 65_536, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> minter.mint(NOW_MS, 1, 0, new byte[35], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> minter.mint(NOW_MS, 1, 0, out, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> minter.mint(NOW_MS, 1, 0, out, -1));

        assertEquals(100, verifier.verify(minter.mintString(NOW_MS, 1, 0)).counter());
    }
}
