package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(5)
class UrlCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "https://shop.example.com/",
            "http://shop.example.com",
            "HTTPS://SHOP.EXAMPLE.COM/Path",
            "https://shop.example.com:8443/c/summer?ref={partner}&cid={click_id}#top",
            "https://shop.example.com/{slug}/{partner}",
            "https://127.0.0.1:8080/",
            "https://[2001:db8::1]/x",
            "https://shop.example.com/caf\u00e9?q=%20",
            "https://shop.example.com/?next=https://other.example.com/"})
    void shouldAcceptAbsoluteHttpUrlsWithMacrosOutsideTheHost(String url) {
        assertNull(UrlCheck.problem("destination", url));
    }

    @Test
    void shouldRefuseAMacroThatWouldBecomeTheScheme() {
        assertEquals("destination must be an absolute http:// or https:// URL (got '{scheme}://shop.example.com/')",
                UrlCheck.problem("destination", "{scheme}://shop.example.com/"));
    }

    @Test
    void shouldRefuseAMacroInTheHostEvenBehindAPort() {
        assertEquals("destination: the host cannot contain a macro",
                UrlCheck.problem("destination", "https://shop.{tld}/"));
    }

    @Test
    void shouldRefuseNestedBraces() {
        assertEquals("destination has an unclosed '{' at character 27",
                UrlCheck.problem("destination", "https://shop.example.com/?{a{b}}"));
    }

    @Test
    void shouldRefuseNonBreakingSpace() {
        assertEquals("destination contains whitespace",
                UrlCheck.problem("destination", "https://shop.example.com/\u00a0"));
    }

    @Test
    void shouldRefuseAnEmptyUrl() {
        assertEquals("fallback must not be empty", UrlCheck.problem("fallback", ""));
    }

    @Test
    void shouldQuoteControlCharactersWhenEchoingAUrl() {
        assertEquals("destination must be an absolute http:// or https:// URL (got 'ftp://x/')",
                UrlCheck.problem("destination", "ftp://x/"));
        assertEquals("'a\\u000Ab'", Messages.quote("a\nb"));
    }
}
