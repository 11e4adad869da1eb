package io.smartlinkd.link;

import io.smartlinkd.config.LinkConfig;
import io.smartlinkd.routing.UrlTemplates;
import java.util.EnumMap;
import java.util.Map;

/** The template compiler as routing uses it for offer URLs, rule destinations and on_lost URLs. Stateless. */
final class LinkTemplates implements UrlTemplates {
    static final LinkTemplates INSTANCE = new LinkTemplates();

    private LinkTemplates() {
    }

    @Override
    public byte[] plain(String url) {
        try {
            return TemplateCompiler.compilePlain(url).program();
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] destination(String url, LinkConfig link) {
        Map<UtmKey, String> utm = new EnumMap<>(UtmKey.class);
        for (Map.Entry<String, String> entry : link.utm().entrySet()) {
            UtmKey key = UtmKey.byKey(entry.getKey());
            if (key != null) {
                utm.put(key, entry.getValue());
            }
        }
        try {
            return TemplateCompiler.compileDestination(url, utm).program();
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
