package io.smartlinkd.link;

import java.nio.charset.StandardCharsets;

/**
 * A compiled template written back as text for people ({@code explain}): literals as they are sent, macros and
 * query parameters in braces as an admin writes them, and for a click through a partner a note in brackets where
 * the partner's UTM parameters go. It shows the destination as compiled, so link-level UTM parameters appear in it.
 * The server keeps no parsed links: this is how an explanation names a link's destination from its record alone.
 * It walks the program as {@link TemplateRenderer} does; the renderer, on the click path, stays a plain loop.
 */
public final class TemplateText {
    static final String PARTNER_UTM = "[partner's utm_* parameters]";

    private TemplateText() {
    }

    public static String of(byte[] program, int offset, int length, boolean throughPartner) {
        StringBuilder text = new StringBuilder(length + 16);
        int at = offset;
        int end = offset + length;
        while (at < end) {
            byte op = program[at++];
            switch (op) {
                case TemplateProgram.LITERAL: {
                    int count = ((program[at] & 0xFF) << 8) | (program[at + 1] & 0xFF);
                    text.append(new String(program, at + 2, count, StandardCharsets.UTF_8));
                    at += 2 + count;
                    break;
                }
                case TemplateProgram.MACRO:
                    text.append('{').append(Macro.byOrdinal(program[at++]).text()).append('}');
                    break;
                case TemplateProgram.QUERY: {
                    int count = program[at] & 0xFF;
                    text.append('{').append(new String(program, at + 1, count, StandardCharsets.UTF_8)).append('}');
                    at += 1 + count;
                    break;
                }
                case TemplateProgram.PARTNER_UTM:
                    if (throughPartner) {
                        text.append(PARTNER_UTM);
                    }
                    at += 3;
                    break;
                default:
                    throw new IllegalStateException("corrupt template program: opcode " + op + " at " + (at - 1));
            }
        }
        return text.toString();
    }
}
