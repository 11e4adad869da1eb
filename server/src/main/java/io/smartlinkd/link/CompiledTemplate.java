package io.smartlinkd.link;

/**
 * A destination template compiled to a {@link TemplateProgram}.
 *
 * @param program        the opcodes
 * @param presentUtmMask UTM keys the destination or the link already sets (bits of {@link UtmKey#bit()})
 * @param usesClickId    whether rendering needs a click id
 */
public record CompiledTemplate(byte[] program, int presentUtmMask, boolean usesClickId) {
}
