package io.smartlinkd.discount.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.discount.ProvidedCode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ShopifyCodeProviderTest {
    private static final long POLL_MS = 1000;

    private ShopifyStandIn shop;
    private RecordingSleeper sleeper;
    private ShopifyCodeProvider provider;

    @BeforeEach
    void start() throws IOException {
        shop = ShopifyStandIn.start();
        sleeper = new RecordingSleeper();
        provider = new ShopifyCodeProvider(shop.settings(), sleeper);
    }

    @AfterEach
    void stop() {
        provider.close();
        shop.close();
    }

    @Test
    void shouldCreateSixHundredCodesInThreeBulkCallsWithTheirStoreIds() throws Exception {
        List<String> codes = codes("INF", 600);

        List<ProvidedCode> created = provider.create(codes);

        assertEquals(3, shop.calls("discountRedeemCodeBulkAdd"));
        assertEquals(codes, created.stream().map(ProvidedCode::code).toList());
        assertEquals(Set.copyOf(codes), shop.codes());
        for (ProvidedCode code : created) {
            assertTrue(code.storeId() > 0, code.toString());
            assertEquals(shop.idOf(code.code()), code.storeId());
        }
        assertEquals(List.of(POLL_MS, POLL_MS, POLL_MS), sleeper.waits(), "one not-done poll per bulk creation");
        assertEquals("shopify", provider.name());
    }

    @Test
    void shouldWaitForTheBucketToRestoreWhenThrottled() throws Exception {
        shop.throttleNext(2);

        List<ProvidedCode> created = provider.create(codes("T", 5));

        assertEquals(5, created.size());
        assertEquals(Set.copyOf(codes("T", 5)), shop.codes());
        long restoreMs = (long) (ShopifyStandIn.REQUESTED_COST / ShopifyStandIn.RESTORE_RATE * 1000);
        assertEquals(List.of(restoreMs, restoreMs, POLL_MS), sleeper.waits());
    }

    @Test
    void shouldHonourRetryAfterOnTooManyRequests() throws Exception {
        shop.tooManyRequestsNext(2, "3");

        assertEquals(4, provider.create(codes("R", 4)).size());

        assertEquals(List.of(3000L, 3000L, POLL_MS), sleeper.waits());
    }

    @Test
    void shouldRetryServerErrorsWithBackoffThenSucceed() throws Exception {
        shop.serverErrorsNext(2);

        assertEquals(3, provider.create(codes("S", 3)).size());

        List<Long> waits = sleeper.waits();
        assertEquals(3, waits.size());
        long initial = ShopifySettings.DEFAULT_INITIAL_BACKOFF.toMillis();
        assertBetween(initial / 2, initial, waits.get(0));
        assertBetween(initial, 2 * initial, waits.get(1));
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsOfServerErrors() {
        provider = new ShopifyCodeProvider(shop.settings().withRetries(3, Duration.ofMillis(100),
                Duration.ofMillis(150)), sleeper);
        shop.serverErrorsNext(10);

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("S", 3)));

        assertTrue(e.getMessage().contains("HTTP 503 after 3 attempts"), e.getMessage());
        assertEquals(3, shop.requests());
        assertEquals(2, sleeper.waits().size());
        sleeper.waits().forEach(wait -> assertBetween(50, 150, wait));
    }

    @Test
    void shouldGiveUpWhenThrottledOnEveryAttempt() {
        shop.throttleNext(100);

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("T", 3)));

        assertTrue(e.getMessage().contains("still throttled"), e.getMessage());
        assertEquals(ShopifySettings.DEFAULT_MAX_ATTEMPTS, shop.requests());
    }

    @Test
    void shouldRetryConnectionErrorsThenFail() throws Exception {
        ShopifySettings settings = shop.settings();
        shop.close();
        provider = new ShopifyCodeProvider(settings, sleeper);

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("C", 1)));

        assertTrue(e.getMessage().contains("no answer after " + ShopifySettings.DEFAULT_MAX_ATTEMPTS), e.getMessage());
        assertEquals(ShopifySettings.DEFAULT_MAX_ATTEMPTS - 1, sleeper.waits().size());
    }

    @Test
    void shouldFailWhenEveryCodeOfABulkCreationFails() {
        shop.failNextJob();

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("F", 10)));

        assertTrue(e.getMessage().contains("created none of 10 codes"), e.getMessage());
        assertTrue(shop.codes().isEmpty());
    }

    @Test
    void shouldLeaveOutCodesTheStoreRefusesAsDuplicates() throws Exception {
        shop.seed("DUP1", "DUP2");

        List<ProvidedCode> created = provider.create(List.of("A", "DUP1", "B", "DUP2", "A"));

        assertEquals(List.of("A", "B"), created.stream().map(ProvidedCode::code).toList());
        assertEquals(Set.of("A", "B", "DUP1", "DUP2"), shop.codes());
    }

    @Test
    void shouldReturnTheCodesAlreadyCreatedWhenALaterChunkFails() throws Exception {
        List<String> codes = codes("P", 500);
        shop.seed(codes.subList(250, 500).toArray(new String[0]));

        List<ProvidedCode> created = provider.create(codes);

        assertEquals(codes.subList(0, 250), created.stream().map(ProvidedCode::code).toList());
        assertEquals(2, shop.calls("discountRedeemCodeBulkAdd"));
    }

    @Test
    void shouldFailFastOnABadTokenWithoutRevealingIt() {
        String badToken = "shpat_wrong_and_secret_0123456789";
        ShopifySettings settings = shop.settings();
        provider = new ShopifyCodeProvider(new ShopifySettings(settings.shopDomain(), settings.discountId(), badToken,
                settings.apiVersion(), settings.apiBase(), settings.requestTimeout(), settings.pollInterval(),
                settings.jobTimeout(), settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff()),
                sleeper);

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("X", 3)));

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains(badToken), e.getMessage());
        assertFalse(e.getMessage().contains(shop.accessToken()), e.getMessage());
        assertEquals(1, shop.requests(), "no retry of a refused token");
        assertTrue(sleeper.waits().isEmpty());
    }

    @Test
    void shouldFailOnUserErrorsWithTheirMessage() {
        ShopifySettings settings = shop.settings();
        provider = new ShopifyCodeProvider(new ShopifySettings(settings.shopDomain(),
                "gid://shopify/DiscountCodeNode/1", settings.accessToken(), settings.apiVersion(), settings.apiBase(),
                settings.requestTimeout(), settings.pollInterval(), settings.jobTimeout(), settings.maxAttempts(),
                settings.initialBackoff(), settings.maxBackoff()), sleeper);

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("U", 3)));

        assertTrue(e.getMessage().contains("Code discount does not exist"), e.getMessage());
        assertEquals(1, shop.requests());
    }

    @Test
    void shouldDeleteCodesFromTheStoreInChunks() throws Exception {
        List<ProvidedCode> created = provider.create(codes("D", 300));
        List<ProvidedCode> doomed = new ArrayList<>(created.subList(0, 260));
        doomed.add(new ProvidedCode("UNKNOWN", 987_654_321L));
        doomed.add(new ProvidedCode("NO-ID", 0));
        sleeper.clear();

        provider.delete(doomed);

        assertEquals(created.subList(260, 300).stream().map(ProvidedCode::code).collect(Collectors.toSet()),
                shop.codes());
        assertEquals(2, shop.calls("discountCodeRedeemCodeBulkDelete"));
        assertEquals(4, shop.calls("job"), "each delete job polled until done");
        assertEquals(List.of(POLL_MS, POLL_MS, POLL_MS, POLL_MS), sleeper.waits());
    }

    @Test
    void shouldPollASlowBulkCreationUntilDone() throws Exception {
        shop.jobPolls(5);

        assertEquals(10, provider.create(codes("W", 10)).size());

        assertEquals(6, shop.calls("discountRedeemCodeBulkCreation"));
        assertEquals(Collections.nCopies(5, POLL_MS), sleeper.waits());
    }

    @Test
    void shouldFailWhenABulkCreationNeverCompletes() {
        shop.jobPolls(Integer.MAX_VALUE);
        provider = new ShopifyCodeProvider(shop.settings().withPolling(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                sleeper);

        IOException e = assertThrows(IOException.class, () -> provider.create(codes("N", 2)));

        assertTrue(e.getMessage().contains("not done after 5000 ms"), e.getMessage());
        assertEquals(6, shop.calls("discountRedeemCodeBulkCreation"));
    }

    @Test
    void shouldFailWhenADeleteJobNeverCompletes() throws Exception {
        List<ProvidedCode> created = provider.create(codes("J", 2));
        shop.jobPolls(Integer.MAX_VALUE);
        provider = new ShopifyCodeProvider(shop.settings().withPolling(Duration.ofSeconds(1), Duration.ofSeconds(3)),
                sleeper);

        IOException e = assertThrows(IOException.class, () -> provider.delete(created));

        assertTrue(e.getMessage().contains("delete job"), e.getMessage());
        assertEquals(3, shop.calls("job"));
    }

    @Test
    void shouldPageThroughTheResultsOfABulkCreation() throws Exception {
        shop.pageSize(100);

        List<ProvidedCode> created = provider.create(codes("G", 250));

        assertEquals(codes("G", 250), created.stream().map(ProvidedCode::code).toList());
        assertEquals(new HashSet<>(codes("G", 250)), shop.codes());
    }

    @Test
    void shouldCapBackoffAndThrottleWaits() {
        provider = new ShopifyCodeProvider(shop.settings().withRetries(20, Duration.ofMillis(100),
                Duration.ofMillis(1000)), sleeper);
        for (int attempt = 1; attempt < 40; attempt++) {
            long base = Math.min(1000, 100L << Math.min(30, attempt - 1));
            assertBetween(base / 2, base, provider.backoffMillis(attempt));
        }
    }

    @Test
    void shouldParseTheNumberOfAGid() throws Exception {
        assertEquals(123, ShopifyCodeProvider.numericId("gid://shopify/DiscountRedeemCode/123"));
        assertEquals(7, ShopifyCodeProvider.numericId("gid://shopify/DiscountRedeemCode/7?x=1"));
        assertThrows(IOException.class, () -> ShopifyCodeProvider.numericId("gid://shopify/DiscountRedeemCode/x"));
    }

    private static List<String> codes(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static void assertBetween(long min, long max, long actual) {
        assertTrue(actual >= min && actual <= max, actual + " not in [" + min + ", " + max + "]");
    }

    /** Records the waits instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        private final List<Long> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(long millis) {
            waits.add(millis);
        }

        synchronized List<Long> waits() {
            return List.copyOf(waits);
        }

        synchronized void clear() {
            waits.clear();
        }
    }
}
