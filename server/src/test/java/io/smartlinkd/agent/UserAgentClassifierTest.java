package io.smartlinkd.agent;

import static io.smartlinkd.agent.WellKnownAgents.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.BotsConfig;
import io.netty.util.AsciiString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class UserAgentClassifierTest {
    private static BotRules builtIn;
    private UserAgentClassifier classifier;

    @BeforeAll
    static void loadRules() throws Exception {
        builtIn = BotRules.builtIn();
    }

    @AfterEach
    void stop() {
        if (classifier != null) {
            classifier.close();
        }
    }

    @Test
    void shouldAnswerProvisionallyOnAMissThenFinallyOnceTheBackgroundThreadParsedIt() {
        classifier = new UserAgentClassifier(builtIn, 1024);
        long first = classifier.classify(IPAD_SAFARI);
        assertFalse(UserAgentClassifier.isFinal(first));
        assertEquals(Families.DEVICE_TABLET, UserAgentClassifier.device(first));

        classifier.start();
        long last = awaitFinal(IPAD_SAFARI);

        assertEquals(Families.DEVICE_TABLET, UserAgentClassifier.device(last));
        assertEquals("iOS", Families.osName(UserAgentClassifier.os(last)));
        assertEquals("Mobile Safari", Families.browserName(UserAgentClassifier.browser(last)));
        assertFalse(UserAgentClassifier.bot(last));
        long missesBefore = classifier.misses();
        assertEquals(last, classifier.classify(IPAD_SAFARI));
        assertEquals(last, classifier.classify(new AsciiString(IPAD_SAFARI)), "any CharSequence with the same chars");
        assertEquals(missesBefore, classifier.misses(), "hits are not misses");
        assertEquals(1, classifier.parsed());
    }

    @Test
    void shouldFlagASpiderFinallyAsDeviceOther() {
        classifier = new UserAgentClassifier(builtIn, 1024);
        classifier.start();

        long googlebot = awaitFinal(GOOGLEBOT_SMARTPHONE);

        assertTrue(UserAgentClassifier.bot(googlebot));
        assertEquals(Families.DEVICE_OTHER, UserAgentClassifier.device(googlebot));
    }

    @Test
    void shouldCallNoUserAgentAFinalBot() {
        classifier = new UserAgentClassifier(builtIn, 1024);

        for (CharSequence absent : new CharSequence[] {null, ""}) {
            long value = classifier.classify(absent);
            assertTrue(UserAgentClassifier.bot(value));
            assertTrue(UserAgentClassifier.isFinal(value));
            assertEquals(Families.DEVICE_OTHER, UserAgentClassifier.device(value));
        }
        assertEquals(0, classifier.misses());
    }

    @Test
    void shouldDropAndCountMissesWhenTheQueueIsFull() {
        classifier = new UserAgentClassifier(builtIn, 1024, 4, 7); // not started: nothing drains the queue

        for (int i = 0; i < 10; i++) {
            classifier.classify(WINDOWS_CHROME + " n" + i);
        }

        assertEquals(10, classifier.misses());
        assertEquals(6, classifier.dropped());
    }

    @Test
    void shouldApplyAnAdminSubstringAtOnceAndToCachedAnswersAfterAReload() throws Exception {
        String monitor = LINUX_CHROME + " AcmeProbe/2.0";
        classifier = new UserAgentClassifier(builtIn, 1024);
        classifier.start();
        assertFalse(UserAgentClassifier.bot(awaitFinal(monitor)));

        BotRules withProbe = BotRules.load(new BotsConfig(List.of("acmeprobe"), null, null, 1024));
        assertTrue(classifier.reload(withProbe));

        long atOnce = classifier.classify(monitor);
        assertTrue(UserAgentClassifier.bot(atOnce), "the answer cached under the old rules is not used");
        assertTrue(UserAgentClassifier.bot(awaitFinal(monitor)));
        assertFalse(UserAgentClassifier.bot(awaitFinal(LINUX_CHROME)));
    }

    @Test
    void shouldKeepTheCacheWhenReloadedWithEqualRules() throws Exception {
        classifier = new UserAgentClassifier(builtIn, 1024);
        classifier.start();
        long value = awaitFinal(MAC_SAFARI);

        assertFalse(classifier.reload(BotRules.builtIn()));
        assertEquals(value, classifier.classify(MAC_SAFARI));
    }

    @Test
    void shouldGiveConcurrentCallersTheProvisionalOrTheFinalAnswerAndNothingElse() throws Exception {
        classifier = new UserAgentClassifier(builtIn, 64, 64, 7); // small: entries are replaced while read
        List<String> userAgents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            userAgents.add((i % 2 == 0 ? ANDROID_CHROME : WINDOWS_FIREFOX) + " build/" + i);
        }
        FullParse reference = new FullParse();
        long[] finals = new long[userAgents.size()];
        long[] provisionals = new long[userAgents.size()];
        for (int i = 0; i < finals.length; i++) {
            finals[i] = reference.classify(userAgents.get(i), builtIn);
            provisionals[i] = builtIn.scanner().classify(userAgents.get(i));
        }
        classifier.start();
        AtomicReference<String> wrong = new AtomicReference<>();
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread loop = new Thread(() -> {
                // Until the writer has replaced entries many times over (200 user agents, 64 slots).
                while (classifier.parsed() < 250 && wrong.get() == null) {
                    for (int i = 0; i < userAgents.size(); i++) {
                        long value = classifier.classify(userAgents.get(i));
                        if (value != finals[i] && value != provisionals[i]) {
                            wrong.compareAndSet(null, userAgents.get(i) + ": " + Classification.describe(value));
                        }
                    }
                }
            });
            loop.start();
            loops.add(loop);
        }
        for (Thread loop : loops) {
            loop.join();
        }

        assertEquals(null, wrong.get());
    }

    @Test
    void shouldKeepTheScannersAnswerAsFinalForAUserAgentTheFullParseFailsOn(@TempDir Path dir) throws Exception {
        // java.util.regex recurses per repetition of a group: a long enough user agent overflows the stack.
        Path list = dir.resolve("crawlers.json");
        Files.writeString(list, "[{\"pattern\": \"(x|y)+z\"}]");
        classifier = new UserAgentClassifier(BotRules.load(new BotsConfig(List.of(), list, null, 1024)), 1024);
        classifier.start();
        String userAgent = WINDOWS_CHROME + " " + "x".repeat(200_000);

        long value = awaitFinal(userAgent);

        assertEquals(1, classifier.failures());
        assertEquals(builtIn.scanner().classify(userAgent) | Classification.FINAL, value);
        assertFalse(UserAgentClassifier.bot(awaitFinal(WINDOWS_CHROME)));
    }

    @Test
    void shouldBuildFromTheConfigsCacheSize() throws Exception {
        classifier = UserAgentClassifier.of(new BotsConfig(List.of(), null, null, 4096));

        assertEquals(4096, classifier.cacheCapacity());
        assertTrue(classifier.rules().crawlerPatterns() > 1000);
    }

    /** Classifies until the answer is final; the test's timeout bounds the wait. */
    private long awaitFinal(String userAgent) {
        while (true) {
            long value = classifier.classify(userAgent);
            if (UserAgentClassifier.isFinal(value)) {
                return value;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
