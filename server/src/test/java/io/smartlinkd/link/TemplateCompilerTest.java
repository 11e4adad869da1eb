package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TemplateCompilerTest {
    /** Macro values from plain maps, as a request would supply them. */
    private static final class FakeValues implements MacroValues {
        final Map<Macro, String> macros = new EnumMap<>(Macro.class);
        final Map<String, String> query = new HashMap<>();
        final Map<UtmKey, String> partnerUtm = new EnumMap<>(UtmKey.class);

        @Override
        public void writeMacro(Macro macro, ByteBuf out) {
            String value = macros.get(macro);
            if (value != null) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                PercentEncoder.encode(bytes, 0, bytes.length, out);
            }
        }

        @Override
        public void writeQueryParameter(byte[] program, int offset, int length, ByteBuf out) {
            String raw = query.get(new String(program, offset, length, StandardCharsets.US_ASCII));
            if (raw != null) {
                PercentEncoder.reencodeQueryValue(raw, 0, raw.length(), out);
            }
        }

        @Override
        public byte[] partnerUtm(UtmKey key) {
            String value = partnerUtm.get(key);
            return value == null ? null : (key.parameter() + "=" + value).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static String render(CompiledTemplate template, FakeValues values) {
        ByteBuf out = Unpooled.buffer();
        TemplateRenderer.render(template.program(), 0, template.program().length, values, out);
        String location = out.toString(StandardCharsets.US_ASCII);
        out.release();
        return location;
    }

    private static String render(String template, FakeValues values) throws TemplateException {
        return render(TemplateCompiler.compilePlain(template), values);
    }

    @Test
    void shouldSubstituteConfigMacrosInPathAndQuery() throws Exception {
        FakeValues values = new FakeValues();
        values.macros.put(Macro.PARTNER, "anna");
        values.macros.put(Macro.LINK, "summer");
        values.macros.put(Macro.CLICK_ID, "AQABAAABmQ-abc_DEF");
        assertEquals("https://shop.example.com/p/anna?l=summer&c=AQABAAABmQ-abc_DEF",
                render("https://shop.example.com/p/{partner}?l={link}&c={click_id}", values));
    }

    @Test
    void shouldPercentEncodeEveryReservedOrHostileByteOfAQueryValue() throws Exception {
        FakeValues values = new FakeValues();
        values.query.put("sub1", "a b&x=1#frag/..?\r\nSet-Cookie:%00\u00e9");
        String location = render("https://shop.example.com/?s={sub1}", values);
        assertEquals("https://shop.example.com/?s=a%20b%26x%3D1%23frag%2F..%3F%0D%0ASet-Cookie%3A%00%C3%A9", location);
    }

    @Test
    void shouldDecodeThenReencodeQueryValuesSoEncodingCannotBeSmuggled() throws Exception {
        FakeValues values = new FakeValues();
        values.query.put("sub1", "%0d%0aLocation:%20//evil+x%zz%");
        String location = render("https://shop.example.com/?s={sub1}", values);
        assertEquals("https://shop.example.com/?s=%0D%0ALocation%3A%20%2F%2Fevil%20x%25zz%25", location);
        assertFalse(location.contains("\r") || location.contains("\n"));
    }

    @Test
    void shouldNeverLetValuesChangeSchemeHostOrPath() throws Exception {
        String[] hostile = {"//evil.com", "/\\evil.com", "https:evil.com", "user@evil.com", "javascript:alert(1)",
            "\u2028\u0085", "../../admin", "@evil.com/", "?x=1#y"};
        for (String value : hostile) {
            FakeValues values = new FakeValues();
            values.query.put("sub1", value);
            values.macros.put(Macro.PARTNER, value);
            String location = render("https://shop.example.com/p/{partner}?s={sub1}", values);
            assertTrue(location.startsWith("https://shop.example.com/p/"), location);
            String partnerPart = location.substring("https://shop.example.com/p/".length(), location.indexOf("?s="));
            assertFalse(partnerPart.contains("/") || partnerPart.contains("?") || partnerPart.contains("#")
                    || partnerPart.contains("@") || partnerPart.contains(":"), partnerPart);
            for (char c : location.toCharArray()) {
                assertTrue(c > 0x20 && c < 0x7F, "non-printable in " + location);
            }
        }
    }

    @Test
    void shouldRefuseMacrosInSchemeOrHost() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateCompiler.compilePlain("https://{partner}.example.com/"));
        assertEquals(8, e.index());
        assertThrows(TemplateException.class, () -> TemplateCompiler.compilePlain("https://shop.example.com:{sub1}/"));
    }

    @Test
    void shouldRefuseRequestValuesInThePath() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateCompiler.compilePlain("https://shop.example.com/{sub1}/x"));
        assertTrue(e.getMessage().contains("only appear in the query or fragment"), e.getMessage());
    }

    @Test
    void shouldRefuseNonHttpSchemesAndRelativeUrls() {
        for (String bad : new String[] {"javascript:alert(1)", "ftp://x.com/", "//evil.com/", "/relative",
            "https:evil.com", "data:text/html,x"}) {
            assertThrows(TemplateException.class, () -> TemplateCompiler.compilePlain(bad), bad);
        }
    }

    @Test
    void shouldRefuseControlCharactersAndBadBraces() {
        for (String bad : new String[] {"https://x.com/a\rb", "https://x.com/a\nb", "https://x.com/a\u0000",
            "https://x.com/\u2028", "https://x.com/\u0085", "https://x.com/?a={sub1", "https://x.com/?a=sub1}",
            "https://x.com/?a={}", "https://x.com/?a={a b}", "https://x.com/a\\b"}) {
            assertThrows(TemplateException.class, () -> TemplateCompiler.compilePlain(bad), bad);
        }
    }

    @Test
    void shouldCompileVisitorMacros() throws Exception {
        for (String name : new String[] {"country", "device", "os", "browser"}) {
            CompiledTemplate compiled = TemplateCompiler.compilePlain("https://x.com/?v={" + name + "}");
            assertTrue(compiled.program().length > "https://x.com/?v=".length(), name);
        }
    }

    @Test
    void shouldRefuseReservedMacroNames() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateCompiler.compilePlain("https://x.com/?c={city}"));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    @Test
    void shouldEncodeNonAsciiAndSpacesInLiteralTemplateText() throws Exception {
        assertEquals("https://shop.example.com/caf%C3%A9%20au%20lait",
                render("https://shop.example.com/café au lait", new FakeValues()));
    }

    @Test
    void shouldAddLinkUtmWithoutClobberingTheDestination() throws Exception {
        Map<UtmKey, String> utm = new EnumMap<>(UtmKey.class);
        utm.put(UtmKey.SOURCE, "{partner}");
        utm.put(UtmKey.MEDIUM, "influencer");
        utm.put(UtmKey.CAMPAIGN, "summer sale");
        CompiledTemplate template = TemplateCompiler.compileDestination(
                "https://shop.example.com/c?utm_medium=email&x=1#top", utm);
        FakeValues values = new FakeValues();
        values.macros.put(Macro.PARTNER, "anna");
        assertEquals("https://shop.example.com/c?utm_medium=email&x=1&utm_source=anna&utm_campaign=summer%20sale#top",
                render(template, values));
        assertEquals(UtmKey.SOURCE.bit() | UtmKey.MEDIUM.bit() | UtmKey.CAMPAIGN.bit(), template.presentUtmMask());
    }

    @Test
    void shouldAddPartnerUtmOnlyWhereNeitherDestinationNorLinkSetsIt() throws Exception {
        Map<UtmKey, String> utm = new EnumMap<>(UtmKey.class);
        utm.put(UtmKey.MEDIUM, "influencer");
        CompiledTemplate template = TemplateCompiler.compileDestination("https://shop.example.com/c", utm);
        FakeValues values = new FakeValues();
        values.partnerUtm.put(UtmKey.SOURCE, "anna-k");
        values.partnerUtm.put(UtmKey.MEDIUM, "should-not-win");
        assertEquals("https://shop.example.com/c?utm_medium=influencer&utm_source=anna-k", render(template, values));
    }

    @Test
    void shouldStartTheQueryWithTheFirstAddedParameter() throws Exception {
        CompiledTemplate template = TemplateCompiler.compileDestination("https://shop.example.com/c#frag",
                new EnumMap<>(UtmKey.class));
        FakeValues values = new FakeValues();
        values.partnerUtm.put(UtmKey.SOURCE, "anna");
        assertEquals("https://shop.example.com/c?utm_source=anna#frag", render(template, values));
        assertEquals("https://shop.example.com/c#frag", render(template, new FakeValues()));
        CompiledTemplate trailing = TemplateCompiler.compileDestination("https://shop.example.com/c?",
                new EnumMap<>(UtmKey.class));
        assertEquals("https://shop.example.com/c?utm_source=anna", render(trailing, values));
    }

    @Test
    void shouldRenderMissingValuesAsEmpty() throws Exception {
        assertEquals("https://shop.example.com/?ref=&s=", render("https://shop.example.com/?ref={partner}&s={sub1}",
                new FakeValues()));
    }

    @Test
    void shouldKnowWhetherAClickIdIsNeeded() throws Exception {
        assertTrue(TemplateCompiler.compilePlain("https://x.com/?c={click_id}").usesClickId());
        assertFalse(TemplateCompiler.compilePlain("https://x.com/?c={sub1}").usesClickId());
    }
}
