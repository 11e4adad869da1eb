package io.smartlinkd.agent;

import static io.smartlinkd.agent.WellKnownAgents.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

@Timeout(60)
class UserAgentScannerTest {
    private static final UserAgentScanner SCANNER = UserAgentScanner.of(List.of());
    private static BotRules rules;
    private static FullParse fullParse;

    @BeforeAll
    static void loadTheFullParse() throws Exception {
        rules = BotRules.builtIn();
        fullParse = new FullParse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IPHONE_SAFARI      | mobile  | iOS       | Mobile Safari
            IPHONE_CHROME      | mobile  | iOS       | Chrome Mobile iOS
            ANDROID_CHROME     | mobile  | Android   | Chrome Mobile
            ANDROID_WEBVIEW    | mobile  | Android   | Chrome Mobile WebView
            CUBOT_PHONE        | mobile  | Android   | Chrome Mobile
            UC_BROWSER         | mobile  | Android   | UC Browser
            IPAD_SAFARI        | tablet  | iOS       | Mobile Safari
            SAMSUNG_TABLET     | tablet  | Android   | Samsung Internet
            SAMSUNG_TAB_CHROME | tablet  | Android   | Chrome
            WINDOWS_CHROME     | desktop | Windows   | Chrome
            WINDOWS_EDGE       | desktop | Windows   | Edge
            WINDOWS_FIREFOX    | desktop | Windows   | Firefox
            MAC_SAFARI         | desktop | Mac OS X  | Safari
            LINUX_CHROME       | desktop | Linux     | Chrome
            UBUNTU_FIREFOX     | desktop | Ubuntu    | Firefox
            CHROMEBOOK         | desktop | Chrome OS | Chrome
            """)
    void shouldClassifyWellKnownBrowsersLikeTheFullParse(String name, String device, String os, String browser)
            throws Exception {
        String userAgent = (String) WellKnownAgents.class.getDeclaredField(name).get(null);

        long scanned = SCANNER.classify(userAgent);
        long full = fullParse.classify(userAgent, rules);

        assertEquals(device + "/" + os + "/" + browser, Classification.describe(scanned) .replace("/provisional", ""));
        assertEquals(Classification.describe(full), Classification.describe(scanned | Classification.FINAL));
        assertFalse(Classification.isFinal(scanned));
    }

    @ParameterizedTest
    @FieldSource("io.smartlinkd.agent.WellKnownAgents#BOTS")
    void shouldFlagWellKnownBotsAndTools(String userAgent) {
        assertTrue(Classification.bot(SCANNER.classify(userAgent)), userAgent);
        assertTrue(Classification.bot(fullParse.classify(userAgent, rules)), userAgent);
    }

    @ParameterizedTest
    @FieldSource("io.smartlinkd.agent.WellKnownAgents#BROWSERS")
    void shouldNotFlagBrowsersIncludingAPhoneBrandThatContainsBot(String userAgent) {
        assertFalse(Classification.bot(SCANNER.classify(userAgent)), userAgent);
    }

    @Test
    void shouldFlagAnAdminSubstringInAnyCaseOnlyWhenConfigured() {
        String monitor = "AcmeProbe/2.0 (Linux; x86_64)";

        assertFalse(SCANNER.isBot(monitor));
        assertTrue(UserAgentScanner.of(List.of("acmeprobe")).isBot(monitor));
        assertTrue(UserAgentScanner.of(List.of("ACMEPROBE")).isBot(monitor));
    }

    @Test
    void shouldCallAUserAgentWithoutPlatformCommentABotAndUnknownTokensOther() {
        long value = SCANNER.classify("SomeTool");

        assertTrue(Classification.bot(value));
        assertEquals(Families.DEVICE_OTHER, Classification.device(value));
        assertEquals(Families.OTHER, Classification.os(value));
        assertEquals(Families.OTHER, Classification.browser(value));
    }

    @Test
    void shouldReadNonAsciiCharsAsSeparators() {
        assertEquals(Classification.describe(SCANNER.classify(IPHONE_SAFARI)),
                Classification.describe(SCANNER.classify(IPHONE_SAFARI.replace(" Mobile/", " \u00e9\u4e2dMobile/"))));
        assertFalse(SCANNER.isBot("Mozilla/5.0 (b\u00f6t; Windows NT 10.0)"));
    }
}
