package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PercentEncoderTest {
    @Test
    void shouldEncodeEveryByteOutsideTheUnreservedSet() {
        assertEquals("abc-XYZ_0.9~", encode("abc-XYZ_0.9~"));
        assertEquals("a%20b%26c%3D%25%2F%0D%0A", encode("a b&c=%/\r\n"));
        assertEquals("%C3%A9t%C3%A9", encode("\u00c3\u00a9t\u00c3\u00a9"));
        assertEquals("", encode(""));
        assertEquals("%00", encode("\u0000"));
    }

    @Test
    void shouldEncodeARangeExactlyAsByteByByte() {
        Random random = new Random(11);
        byte[] alphabet = "aZ09-._~ %&=?#/+\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 2_000; round++) {
            byte[] value = new byte[random.nextInt(40)];
            for (int i = 0; i < value.length; i++) {
                value[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            int offset = value.length == 0 ? 0 : random.nextInt(value.length);
            int length = random.nextInt(value.length - offset + 1);
            ByteBuf expected = Unpooled.buffer();
            for (int i = offset; i < offset + length; i++) {
                PercentEncoder.encodeByte(value[i], expected);
            }
            ByteBuf actual = Unpooled.buffer();
            PercentEncoder.encode(value, offset, length, actual);
            assertEquals(expected, actual);
            expected.release();
            actual.release();
        }
    }

    private static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf out = Unpooled.buffer();
        PercentEncoder.encode(bytes, 0, bytes.length, out);
        String encoded = out.toString(StandardCharsets.US_ASCII);
        out.release();
        return encoded;
    }
}
