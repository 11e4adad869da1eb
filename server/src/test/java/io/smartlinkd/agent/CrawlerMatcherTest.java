package io.smartlinkd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(120)
class CrawlerMatcherTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", nullValues = "none", textBlock = """
            Googlebot\\/                  => googlebot/
            bingbot                       => bingbot
            '^Mozilla/5.0 \\(compatible\\)$' => '0 (compatible)'
            [wW]get                       => get
            (?i)yandex                    => yandex
            AdsBot-Google([^-]|$)         => adsbot-google
            a?bcd                         => bcd
            ab+cde                        => cde
            spider|crawler                => spider,crawler
            spider|[a-z]+                 => none
            \\QBot\\E                     => none
            x{2,3}yzw                     => yzw
            Siteimprove.com               => siteimprove
            Unclosed(group                => none
            (group|$                      => none
            """)
    void shouldFindALiteralEveryMatchContainsOrNone(String regex, String expected) {
        List<String> literals = RegexLiterals.of(regex);

        assertEquals(expected == null ? List.of() : List.of(expected.split(",")), literals);
    }

    @Test
    void shouldMatchExactlyWhatRunningEveryPatternMatchesOnBothCorpora() throws ConfigException {
        List<Pattern> patterns = new ArrayList<>();
        for (CrawlerList.Entry entry : CrawlerList.parse(CrawlerList.bundled(), "bundled")) {
            patterns.add(entry.pattern());
        }
        CrawlerMatcher matcher = new CrawlerMatcher(patterns);
        List<String> userAgents = new ArrayList<>(Corpora.crawlerInstances());
        for (Corpora.Browser browser : Corpora.browsers()) {
            userAgents.add(browser.userAgent());
        }

        int matched = 0;
        for (String userAgent : userAgents) {
            boolean any = false;
            for (Pattern pattern : patterns) {
                any |= pattern.matcher(userAgent).find();
            }
            assertEquals(any, matcher.matches(userAgent), userAgent);
            matched += any ? 1 : 0;
        }
        assertTrue(matched > 2000, "the crawler instances match");
        assertTrue(matcher.alwaysRun() < patterns.size() / 20,
                matcher.alwaysRun() + " of " + patterns.size() + " patterns run on every user agent");
    }

    @Test
    void shouldReportTheFirstMatchingPattern() {
        CrawlerMatcher matcher = new CrawlerMatcher(List.of(Pattern.compile("Slurp"), Pattern.compile("[Ss]lack")));

        assertNotNull(matcher.firstMatch("Slackbot 1.0"));
        assertEquals("[Ss]lack", matcher.firstMatch("Slackbot 1.0").pattern());
        assertNull(matcher.firstMatch(WellKnownAgents.WINDOWS_CHROME));
    }
}
