package io.smartlinkd.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Compiles a destination such as {@code https://shop.example.com/c/summer?ref={partner}} into a
 * {@link TemplateProgram}.
 *
 * <p>Safety is decided here, once, rather than per click: scheme and host are literal (no macro can reach them),
 * values that come from the click request ({@code {sub1}}, {@code {utm_source}}, any query parameter) may only
 * appear in the query or fragment, and every substituted value is percent-encoded by the renderer. Link-level UTM
 * parameters are appended unless the destination already has them; the partner's UTM parameters are appended at
 * render time unless the destination or the link already has them.
 */
public final class TemplateCompiler {
    public static final int MAX_TEMPLATE_CHARS = 8192;

    private final ByteArrayOutputStream program = new ByteArrayOutputStream(128);
    private final ByteArrayOutputStream literal = new ByteArrayOutputStream(128);
    private boolean usesClickId;
    private boolean discountLocation;

    private TemplateCompiler() {
    }

    /**
     * Compiles a discount's coded redirect: {@code {code}} and {@code {landing}} are allowed (also in the path:
     * both are ours, never the request's), no UTM parameters are added (they are in the landing).
     */
    public static CompiledTemplate compileDiscountLocation(String template) throws TemplateException {
        TemplateCompiler compiler = new TemplateCompiler();
        compiler.discountLocation = true;
        return compiler.run(template, Map.of(), false);
    }

    /** Compiles a template that gets no UTM parameters added (fallback, not-found and rejection URLs). */
    public static CompiledTemplate compilePlain(String template) throws TemplateException {
        return new TemplateCompiler().run(template, Map.of(), false);
    }

    /**
     * Compiles a link destination.
     *
     * @param linkUtm UTM values (themselves templates) added unless the destination already has the key
     */
    public static CompiledTemplate compileDestination(String template, Map<UtmKey, String> linkUtm)
            throws TemplateException {
        return new TemplateCompiler().run(template, linkUtm, true);
    }

    private CompiledTemplate run(String template, Map<UtmKey, String> linkUtm, boolean partnerUtm)
            throws TemplateException {
        if (template.length() > MAX_TEMPLATE_CHARS) {
            throw new TemplateException("template is longer than " + MAX_TEMPLATE_CHARS + " characters", 0);
        }
        int schemeEnd = template.indexOf("://");
        if (schemeEnd < 0) {
            throw new TemplateException("destination must be an absolute http:// or https:// URL", 0);
        }
        String scheme = template.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw new TemplateException("scheme must be http or https", 0);
        }
        int pathStart = firstOf(template, schemeEnd + 3, template.length(), "/?#");
        int brace = template.indexOf('{');
        if (brace >= 0 && brace < pathStart) {
            throw new TemplateException("the scheme and host cannot contain a macro", brace);
        }
        int fragmentStart = firstOf(template, pathStart, template.length(), "#");
        int queryStart = firstOf(template, pathStart, fragmentStart, "?");
        boolean hasQuery = queryStart < fragmentStart;

        emit(template, 0, fragmentStart, hasQuery ? queryStart : fragmentStart);
        int present = presentUtmKeys(template, hasQuery ? queryStart + 1 : fragmentStart, fragmentStart);
        int separator = initialSeparator(template, hasQuery, queryStart, fragmentStart);
        for (Map.Entry<UtmKey, String> utm : linkUtm.entrySet()) {
            UtmKey key = utm.getKey();
            if ((present & key.bit()) != 0) {
                continue;
            }
            appendSeparator(separator);
            appendLiteral(key.parameter());
            appendLiteral("=");
            emitValue(utm.getValue());
            present |= key.bit();
            separator = TemplateProgram.SEPARATOR_AMPERSAND;
        }
        if (partnerUtm) {
            flushLiteral();
            program.write(TemplateProgram.PARTNER_UTM);
            program.write(present >>> 8);
            program.write(present);
            program.write(separator);
        }
        emit(template, fragmentStart, template.length(), 0);
        flushLiteral();
        return new CompiledTemplate(program.toByteArray(), present, usesClickId);
    }

    /** Emits template text in [start, end); macros before {@code queryOrFragmentStart} are in the path. */
    private void emit(String template, int start, int end, int queryOrFragmentStart) throws TemplateException {
        int i = start;
        while (i < end) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0 || close >= end) {
                    throw new TemplateException("unclosed '{' in template", i);
                }
                String name = template.substring(i + 1, close);
                emitMacro(name, i, i < queryOrFragmentStart);
                i = close + 1;
            } else if (c == '}') {
                throw new TemplateException("'}' without a matching '{'", i);
            } else {
                appendLiteralChar(c, i);
                i++;
            }
        }
    }

    /** A UTM value: literal text is encoded like a substituted value, macros are allowed. */
    private void emitValue(String value) throws TemplateException {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '{') {
                int close = value.indexOf('}', i);
                if (close < 0) {
                    throw new TemplateException("unclosed '{' in UTM value '" + value + "'", 0);
                }
                emitMacro(value.substring(i + 1, close), 0, false);
                i = close + 1;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    utf8 = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                for (byte b : utf8) {
                    appendEncodedByte(b);
                }
                i++;
            }
        }
    }

    private void emitMacro(String name, int index, boolean inPath) throws TemplateException {
        if (!isValidName(name)) {
            throw new TemplateException("'{" + name + "}' is not a valid macro name", index);
        }
        if (Macro.isReserved(name)) {
            throw new TemplateException("macro {" + name + "} is reserved for routing features this version does not have",
                    index);
        }
        Macro macro = Macro.named(name);
        if ((macro == Macro.CODE || macro == Macro.LANDING) && !discountLocation) {
            throw new TemplateException("{" + name + "} is only for a discount's location", index);
        }
        flushLiteral();
        if (macro != null) {
            program.write(TemplateProgram.MACRO);
            program.write(macro.ordinal());
            usesClickId |= macro == Macro.CLICK_ID;
            return;
        }
        if (inPath) {
            throw new TemplateException("{" + name + "} comes from the request and may only appear in the query or fragment",
                    index);
        }
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        program.write(TemplateProgram.QUERY);
        program.write(bytes.length);
        program.write(bytes, 0, bytes.length);
    }

    private static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void appendLiteralChar(char c, int index) throws TemplateException {
        if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\\') {
            throw new TemplateException(String.format("character U+%04X is not allowed in a URL", (int) c), index);
        }
        if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '^' || c == '`' || c == '|' || c >= 0x80) {
            for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                appendEncodedByte(b);
            }
            return;
        }
        literal.write(c);
    }

    private void appendEncodedByte(byte b) {
        int v = b & 0xFF;
        if (PercentEncoder.isUnreserved(v)) {
            literal.write(v);
        } else {
            literal.write('%');
            literal.write(Character.toUpperCase(Character.forDigit(v >>> 4, 16)));
            literal.write(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
        }
    }

    private void appendLiteral(String ascii) {
        literal.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private void appendSeparator(int separator) {
        if (separator == TemplateProgram.SEPARATOR_QUESTION) {
            literal.write('?');
        } else if (separator == TemplateProgram.SEPARATOR_AMPERSAND) {
            literal.write('&');
        }
    }

    private void flushLiteral() {
        byte[] bytes = literal.toByteArray();
        literal.reset();
        for (int at = 0; at < bytes.length; at += 0xFFFF) {
            int count = Math.min(0xFFFF, bytes.length - at);
            program.write(TemplateProgram.LITERAL);
            program.write(count >>> 8);
            program.write(count);
            program.write(bytes, at, count);
        }
    }

    private static int presentUtmKeys(String template, int queryStart, int queryEnd) {
        int mask = 0;
        int at = queryStart;
        while (at < queryEnd) {
            int pairEnd = firstOf(template, at, queryEnd, "&");
            int nameEnd = firstOf(template, at, pairEnd, "=");
            UtmKey key = UtmKey.byParameter(template.substring(at, nameEnd));
            if (key != null) {
                mask |= key.bit();
            }
            at = pairEnd + 1;
        }
        return mask;
    }

    private static int initialSeparator(String template, boolean hasQuery, int queryStart, int fragmentStart) {
        if (!hasQuery) {
            return TemplateProgram.SEPARATOR_QUESTION;
        }
        char last = template.charAt(fragmentStart - 1);
        return last == '?' || last == '&' ? TemplateProgram.SEPARATOR_NONE : TemplateProgram.SEPARATOR_AMPERSAND;
    }

    private static int firstOf(String text, int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return to;
    }
}
