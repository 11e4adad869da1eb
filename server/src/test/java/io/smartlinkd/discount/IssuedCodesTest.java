package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.DiscountConfig;
import io.smartlinkd.link.ByteRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class IssuedCodesTest {
    private static final long DAY_MS = 86_400_000L;
    private static final long ISSUED_MS = 1_767_225_600_000L;
    private static final byte[] CLICK_ID = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void shouldLetExactlyOneOf1000ConcurrentOrdersRedeemACode() throws Exception {
        try (IssuedCodes codes = IssuedCodes.open(dir, 10_000)) {
            issue(codes, "ONLY-ONCE", 42);
            int orders = 1_000;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Redemption.Outcome>> results = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String order = "shopify:" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return codes.redeem("ONLY-ONCE", order, ISSUED_MS + 1_000).outcome();
                }));
            }
            start.countDown();
            Map<Redemption.Outcome, Integer> counts = new ConcurrentHashMap<>();
            for (Future<Redemption.Outcome> result : results) {
                counts.merge(result.get(), 1, Integer::sum);
            }
            pool.shutdown();
            assertEquals(Map.of(Redemption.Outcome.REDEEMED, 1, Redemption.Outcome.USED, orders - 1), counts);
            IssuedCode stored = codes.find("ONLY-ONCE");
            assertEquals(CodeState.REDEEMED, stored.state());
            assertTrue(stored.orderId().startsWith("shopify:"));
            // The winner asking again is a repeat, not a second redemption.
            assertEquals(Redemption.Outcome.REPEATED,
                    codes.redeem("ONLY-ONCE", stored.orderId(), ISSUED_MS + 2_000).outcome());
        }
    }

    @Test
    void shouldNeverRebindACodeAlreadyHandedToAClick() throws Exception {
        try (IssuedCodes codes = IssuedCodes.open(dir, 1_000)) {
            codes.pooled("POOLED".getBytes(StandardCharsets.US_ASCII), 5, "summer", ISSUED_MS);
            issue(codes, "POOLED", 1);
            ByteRecord record = new ByteRecord(128);
            IssuedCodeFormat.begin(record, CodeState.ISSUED, ISSUED_MS, ISSUED_MS + DAY_MS, 2, 0, CLICK_ID, 36);
            assertFalse(codes.issue(ByteRecord.copyOf("POOLED".getBytes(StandardCharsets.US_ASCII)), record, 2,
                    new ByteRecord(8), new ByteRecord(128)), "already bound to visitor 1's click");
            assertEquals(1, codes.find("POOLED").visitorKey());
        }
    }

    @Test
    void shouldHonourTheValidityToTheSecond() throws Exception {
        try (IssuedCodes codes = IssuedCodes.open(dir, 1_000)) {
            issue(codes, "EARLY", 1);
            issue(codes, "LATE", 2);
            assertEquals(Redemption.Outcome.REDEEMED,
                    codes.redeem("EARLY", "o1", ISSUED_MS + DAY_MS - 1_000).outcome());
            Redemption late = codes.redeem("LATE", "o2", ISSUED_MS + DAY_MS + 1_000);
            assertEquals(Redemption.Outcome.EXPIRED, late.outcome());
            assertEquals(CodeState.ISSUED, codes.find("LATE").state());
            assertEquals(Redemption.Outcome.UNKNOWN, codes.redeem("NEVER-ISSUED", "o3", ISSUED_MS).outcome());
        }
    }

    @Test
    void shouldRecordWhatTheClickGotAndKeepItAcrossARestart() throws Exception {
        try (IssuedCodes codes = IssuedCodes.open(dir, 1_000)) {
            issue(codes, "KEEP-ME", 99);
        }
        try (IssuedCodes codes = IssuedCodes.open(dir, 1_000)) {
            IssuedCode code = codes.find("KEEP-ME");
            assertEquals(new IssuedCode("KEEP-ME", CodeState.ISSUED, ISSUED_MS, ISSUED_MS + DAY_MS, 0, 99, 1234,
                    new String(CLICK_ID, StandardCharsets.US_ASCII), "summer", "summer-link", "anna", ""), code);
            ByteRecord key = new ByteRecord(8);
            ByteRecord found = new ByteRecord(16);
            ByteRecord record = new ByteRecord(128);
            assertTrue(codes.findForVisitor(99, ISSUED_MS + 1, key, found, record));
            assertEquals("KEEP-ME", new String(found.toByteArray(), StandardCharsets.US_ASCII));
            assertFalse(codes.findForVisitor(99, ISSUED_MS + DAY_MS, key, found, record), "expired");
            assertFalse(codes.findForVisitor(98, ISSUED_MS + 1, key, found, record), "another visitor");
            assertEquals(Redemption.Outcome.REDEEMED, codes.redeem("KEEP-ME", "o", ISSUED_MS + 5).outcome());
            assertFalse(codes.findForVisitor(99, ISSUED_MS + 6, key, found, record), "a used code is not reissued");
        }
    }

    @Test
    void shouldPurgeOnlyAfterGraceAndRetireCodesNeverHandedOut() throws Exception {
        try (IssuedCodes codes = IssuedCodes.open(dir, 1_000)) {
            issue(codes, "OLD", 5);
            codes.pooled("READY".getBytes(StandardCharsets.US_ASCII), 77, "summer", ISSUED_MS);
            assertEquals(Redemption.Outcome.UNKNOWN, codes.redeem("READY", "o", ISSUED_MS).outcome(),
                    "a pooled code was handed to no click");
            long grace = 7 * DAY_MS;
            assertTrue(codes.purgeExpired(ISSUED_MS + DAY_MS + grace - 1, id -> grace).isEmpty());
            assertTrue(codes.purgeExpired(ISSUED_MS + DAY_MS + grace - 1, id -> grace, grace).isEmpty(),
                    "the shortest grace only narrows which records are decoded");
            List<IssuedCode> purged = codes.purgeExpired(ISSUED_MS + DAY_MS + grace, id -> grace, grace);
            assertEquals(List.of("OLD"), purged.stream().map(IssuedCode::code).toList());
            assertNull(codes.find("OLD"));
            List<IssuedCode> retired = codes.retirePooled();
            assertEquals(1, retired.size());
            assertEquals(77, retired.get(0).storeId());
            assertEquals(0, codes.size());
        }
    }

    @Test
    @Timeout(300)
    void shouldNeverIssueOneCodeTwiceInAMillion() throws Exception {
        DiscountConfig config = new DiscountConfig("million", "shop.example.com", "/", DiscountConfig.DEFAULT_LOCATION,
                CodeFormat.DEFAULT, DAY_MS, DAY_MS, "local", null, 200_000, 50_000, null, null);
        Discount discount = new Discount(1, config, new byte[0], null);
        try (DiscountService service = DiscountService.start(dir, 1_100_000, c -> new LocalCodeProvider(),
                () -> ISSUED_MS, 60_000)) {
            service.apply(new DiscountTable(List.of(discount)));
            int threads = 4;
            int perThread = 250_000;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<String>>> results = new ArrayList<>();
            byte[] link = "link".getBytes(StandardCharsets.US_ASCII);
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    CodeIssuer issuer = new CodeIssuer();
                    List<String> codes = new ArrayList<>(perThread);
                    while (codes.size() < perThread) {
                        // Visitor 0: no identity, so every click gets a fresh code.
                        if (issuer.issue(discount, service.store(), 0, ISSUED_MS, CLICK_ID, 36, link, 0, 4, null)) {
                            codes.add(new String(issuer.code().toByteArray(), StandardCharsets.US_ASCII));
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                    return codes;
                }));
            }
            java.util.Set<String> unique = new java.util.HashSet<>();
            int total = 0;
            for (Future<List<String>> result : results) {
                List<String> codes = result.get();
                total += codes.size();
                unique.addAll(codes);
            }
            pool.shutdown();
            assertEquals(1_000_000, total);
            assertEquals(1_000_000, unique.size(), "codes issued twice");
            assertTrue(service.store().size() >= 1_000_000);
            assertNotNull(service.store().find(unique.iterator().next()));
        }
    }

    private static void issue(IssuedCodes codes, String code, long visitorKey) {
        ByteRecord record = new ByteRecord(128);
        IssuedCodeFormat.begin(record, CodeState.ISSUED, ISSUED_MS, ISSUED_MS + DAY_MS, visitorKey, 1234, CLICK_ID,
                CLICK_ID.length);
        IssuedCodeFormat.string(record, "summer");
        IssuedCodeFormat.string(record, "summer-link");
        IssuedCodeFormat.string(record, "anna");
        IssuedCodeFormat.string(record, "");
        assertTrue(codes.issue(ByteRecord.copyOf(code.getBytes(StandardCharsets.US_ASCII)), record, visitorKey,
                new ByteRecord(8), new ByteRecord(128)));
    }
}
