package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTextTest {
    private static String text(CompiledTemplate template) {
        return TemplateText.of(template.program(), 0, template.program().length, true);
    }

    @Test
    void shouldWriteMacrosAndQueryParametersAsTheAdminWroteThem() throws Exception {
        CompiledTemplate template = TemplateCompiler.compilePlain(
                "https://shop.example.com/p/{partner}?l={link}&c={click_id}&s={sub1}");
        assertEquals("https://shop.example.com/p/{partner}?l={link}&c={click_id}&s={sub1}", text(template));
    }

    @Test
    void shouldShowLinkUtmAndWherePartnerUtmGoes() throws Exception {
        Map<UtmKey, String> utm = new EnumMap<>(UtmKey.class);
        utm.put(UtmKey.SOURCE, "{partner}");
        utm.put(UtmKey.CAMPAIGN, "summer sale");
        CompiledTemplate template = TemplateCompiler.compileDestination("https://shop.example.com/c?x=1#top", utm);
        assertEquals("https://shop.example.com/c?x=1&utm_source={partner}&utm_campaign=summer%20sale"
                + "[partner's utm_* parameters]#top", text(template));
        assertEquals("https://shop.example.com/c?x=1&utm_source={partner}&utm_campaign=summer%20sale#top",
                TemplateText.of(template.program(), 0, template.program().length, false), "no partner, none added");
    }

    @Test
    void shouldShowLiteralsAsTheyAreSent() throws Exception {
        CompiledTemplate template = TemplateCompiler.compilePlain("https://shop.example.com/café");
        assertEquals("https://shop.example.com/caf%C3%A9", text(template));
    }
}
