package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.DiscountConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DiscountServiceTest {
    private static final long DAY_MS = 86_400_000L;
    private static final byte[] CLICK = "click-id-click-id-click-id-click-id!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINK = "link".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** A store that can be made to fail, and remembers what it was asked to delete. */
    private static final class FlakyStore implements CodeProvider {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicLong nextId = new AtomicLong(1000);
        final List<ProvidedCode> deleted = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<ProvidedCode> create(List<String> codes) throws IOException {
            if (down.get()) {
                throw new IOException("store unreachable");
            }
            List<ProvidedCode> created = new ArrayList<>();
            for (String code : codes) {
                created.add(new ProvidedCode(code, nextId.incrementAndGet()));
            }
            return created;
        }

        @Override
        public void delete(List<ProvidedCode> codes) {
            deleted.addAll(codes);
        }

        @Override
        public String name() {
            return "flaky";
        }
    }

    @Test
    void shouldGoOnWithoutCodesWhenThePoolIsEmptyAndRefillWhenTheStoreIsBack() throws Exception {
        FlakyStore store = new FlakyStore();
        Discount discount = discount(16, 4, DAY_MS);
        try (DiscountService service = DiscountService.start(dir, 10_000, c -> store, System::currentTimeMillis,
                60_000)) {
            service.apply(new DiscountTable(List.of(discount)));
            CodePool pool = service.pool("summer");
            long filled = System.currentTimeMillis() + 10_000;
            while (pool.level() < 16 && System.currentTimeMillis() < filled) {
                Thread.sleep(5);
            }
            assertEquals(16, pool.level(), "one batch fills the pool");
            store.down.set(true);
            CodeIssuer issuer = new CodeIssuer();
            int issued = 0;
            for (int i = 0; i < 20; i++) {
                if (issuer.issue(discount, service.store(), 0, System.currentTimeMillis(), CLICK, 36, LINK, 0, 4,
                        null)) {
                    issued++;
                }
            }
            assertEquals(16, issued, "the pool's codes, then none");
            assertEquals(4, pool.emptyTakes());
            long deadline = System.currentTimeMillis() + 10_000;
            while (service.refillFailures() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(service.refillFailures() > 0, "the failed refill is counted");
            store.down.set(false);
            // The service backs off 5 s after a failure, then fills the pool again.
            assertTrue(service.awaitFull(20_000), "refilled once the store is back");
            assertTrue(issuer.issue(discount, service.store(), 0, System.currentTimeMillis(), CLICK, 36, LINK, 0,
                    4, null));
            IssuedCode code = service.store().find(new String(issuer.code().toByteArray(), StandardCharsets.US_ASCII));
            assertEquals(CodeState.ISSUED, code.state());
            assertTrue(code.storeId() > 1000, "the store's id travels with the code");
        }
    }

    @Test
    void shouldStoreANewVisitorsCodeSoTheirNextClickGetsItAgain() throws Exception {
        FlakyStore store = new FlakyStore();
        Discount discount = discount(16, 4, DAY_MS);
        try (DiscountService service = DiscountService.start(dir, 10_000, c -> store, System::currentTimeMillis,
                100)) {
            service.apply(new DiscountTable(List.of(discount)));
            assertTrue(service.awaitFull(10_000));
            CodeIssuer issuer = new CodeIssuer();
            long now = System.currentTimeMillis();
            assertTrue(issuer.issue(discount, service.store(), 42, true, now, CLICK, 36, LINK, 0, 4, null));
            assertFalse(issuer.reused());
            String first = new String(issuer.code().toByteArray(), StandardCharsets.US_ASCII);
            assertTrue(issuer.issue(discount, service.store(), 42, false, now + 1, CLICK, 36, LINK, 0, 4, null));
            assertTrue(issuer.reused(), "the returning visitor holds the code of their first click");
            assertEquals(first, new String(issuer.code().toByteArray(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shouldRetireReadyCodesOfAnEarlierRunAndPurgeExpiredOnesAtTheStore() throws Exception {
        FlakyStore store = new FlakyStore();
        Discount discount = discount(16, 4, 60_000);
        AtomicLong clock = new AtomicLong(1_767_225_600_000L);
        String handedOut;
        try (DiscountService service = DiscountService.start(dir, 10_000, c -> store, clock::get, 100)) {
            service.apply(new DiscountTable(List.of(discount)));
            assertTrue(service.awaitFull(10_000));
            CodeIssuer issuer = new CodeIssuer();
            assertTrue(issuer.issue(discount, service.store(), 7, clock.get(), CLICK, 36, LINK, 0, 4, null));
            handedOut = new String(issuer.code().toByteArray(), StandardCharsets.US_ASCII);
        }
        assertTrue(store.deleted.isEmpty());
        Discount again = discount(16, 4, 60_000);
        try (DiscountService service = DiscountService.start(dir, 10_000, c -> store, clock::get, 100)) {
            service.apply(new DiscountTable(List.of(again)));
            long deadline = System.currentTimeMillis() + 10_000;
            while (store.deleted.size() < 15 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            // 16 made, 1 handed out; 15 still above low water, so no refill made more.
            assertEquals(15, store.deleted.size(), "the ready codes of the first run");
            assertFalse(store.deleted.stream().anyMatch(code -> code.code().equals(handedOut)));
            assertEquals(CodeState.ISSUED, service.store().find(handedOut).state());
            // Past validity (1 min) and grace (1 day): purged here and deleted at the store.
            clock.addAndGet(60_000 + DAY_MS);
            deadline = System.currentTimeMillis() + 10_000;
            while (service.purged() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, service.purged());
            assertNull(service.store().find(handedOut));
            deadline = System.currentTimeMillis() + 10_000;
            while (store.deleted.stream().noneMatch(code -> code.code().equals(handedOut))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(store.deleted.stream().anyMatch(code -> code.code().equals(handedOut)));
        }
    }

    private static Discount discount(int size, int lowWater, long validityMs) {
        DiscountConfig config = new DiscountConfig("summer", "shop.example.com", "/", DiscountConfig.DEFAULT_LOCATION,
                CodeFormat.DEFAULT, validityMs, DAY_MS, "shopify", null, size, lowWater, null, null);
        return new Discount(1, config, new byte[0], null);
    }
}
