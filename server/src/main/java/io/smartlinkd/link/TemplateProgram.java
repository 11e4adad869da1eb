package io.smartlinkd.link;

/**
 * Opcodes of a compiled destination template: a flat byte program interpreted by {@link TemplateRenderer}, small
 * enough to live inside a link's Chronicle Map value.
 *
 * <pre>
 *   LITERAL       u16 length, bytes         already-safe URL bytes
 *   MACRO         u8 Macro ordinal          percent-encoded value
 *   QUERY         u8 length, name bytes     the click request's query parameter, percent-encoded
 *   PARTNER_UTM   u16 present mask, u8 sep  the partner's utm_* pairs not already present; sep: 0 none, 1 '?', 2 '&amp;'
 * </pre>
 */
public final class TemplateProgram {
    public static final byte LITERAL = 1;
    public static final byte MACRO = 2;
    public static final byte QUERY = 3;
    public static final byte PARTNER_UTM = 4;

    public static final int SEPARATOR_NONE = 0;
    public static final int SEPARATOR_QUESTION = 1;
    public static final int SEPARATOR_AMPERSAND = 2;

    private TemplateProgram() {
    }
}
