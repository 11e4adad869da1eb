package io.smartlinkd.link;

import io.netty.buffer.ByteBuf;

/**
 * The values of one click that a template can substitute. Implementations write percent-encoded bytes; they are
 * reused per event loop and must not allocate.
 */
public interface MacroValues {
    /** Writes the macro's value, percent-encoded; writes nothing when the click has no such value. */
    void writeMacro(Macro macro, ByteBuf out);

    /** Writes the click request's query parameter named by {@code program[offset, offset+length)}, percent-encoded. */
    void writeQueryParameter(byte[] program, int offset, int length, ByteBuf out);

    /** The partner's pre-encoded {@code utm_key=value} bytes for this key, or null when the partner sets none. */
    byte[] partnerUtm(UtmKey key);
}
