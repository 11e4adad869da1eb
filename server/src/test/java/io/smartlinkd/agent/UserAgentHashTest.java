package io.smartlinkd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartlinkd.text.ByteChars;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UserAgentHashTest {
    @Test
    void shouldHashARequestsBytesAsItsCharsWhateverTheOffset() {
        Random random = new Random(5);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder agent = new StringBuilder();
            for (int i = random.nextInt(300); i > 0; i--) {
                agent.append((char) (random.nextInt(8) == 0 ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x5f)));
            }
            String text = agent.toString();
            int offset = random.nextInt(9);
            byte[] bytes = new byte[offset + text.length() + random.nextInt(9)];
            System.arraycopy(text.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, offset, text.length());
            long seed = random.nextLong();
            assertEquals(UserAgentHash.hash(text, seed),
                    UserAgentHash.hash(new ByteChars().wrap(bytes, offset, text.length()), seed), text);
            assertEquals(UserAgentHash.hash(text, seed), UserAgentHash.hash(new StringBuilder(text), seed));
        }
    }
}
