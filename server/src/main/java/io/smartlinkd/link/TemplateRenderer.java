package io.smartlinkd.link;

import io.netty.buffer.ByteBuf;

/**
 * Runs a compiled template program, writing the Location bytes. Stateless and allocation-free.
 */
public final class TemplateRenderer {
    private static final UtmKey[] UTM_KEYS = UtmKey.all();

    private TemplateRenderer() {
    }

    public static void render(byte[] program, int offset, int length, MacroValues values, ByteBuf out) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            byte op = program[at++];
            switch (op) {
                case TemplateProgram.LITERAL: {
                    int count = ((program[at] & 0xFF) << 8) | (program[at + 1] & 0xFF);
                    out.writeBytes(program, at + 2, count);
                    at += 2 + count;
                    break;
                }
                case TemplateProgram.MACRO:
                    values.writeMacro(Macro.byOrdinal(program[at++]), out);
                    break;
                case TemplateProgram.QUERY: {
                    int count = program[at] & 0xFF;
                    values.writeQueryParameter(program, at + 1, count, out);
                    at += 1 + count;
                    break;
                }
                case TemplateProgram.PARTNER_UTM: {
                    int present = ((program[at] & 0xFF) << 8) | (program[at + 1] & 0xFF);
                    writePartnerUtm(present, program[at + 2], values, out);
                    at += 3;
                    break;
                }
                default:
                    throw new IllegalStateException("corrupt template program: opcode " + op + " at " + (at - 1));
            }
        }
    }

    private static void writePartnerUtm(int present, int separator, MacroValues values, ByteBuf out) {
        int next = separator;
        for (UtmKey key : UTM_KEYS) {
            if ((present & key.bit()) != 0) {
                continue;
            }
            byte[] pair = values.partnerUtm(key);
            if (pair == null) {
                continue;
            }
            if (next == TemplateProgram.SEPARATOR_QUESTION) {
                out.writeByte('?');
            } else if (next == TemplateProgram.SEPARATOR_AMPERSAND) {
                out.writeByte('&');
            }
            out.writeBytes(pair);
            next = TemplateProgram.SEPARATOR_AMPERSAND;
        }
    }
}
