package io.smartlinkd.clickid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ClickIdKeyTest {
    @TempDir
    Path directory;

    @Test
    void shouldDeriveKeyFromFirstSixteenBytesOfSha256OfTheSecret() throws Exception {
        String secret = "correct horse battery staple";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        assertEquals(ClickIdKey.fromBytes(Arrays.copyOf(digest, 16)), ClickIdKey.fromSecret(secret));
    }

    @Test
    void shouldDeriveTheSameKeyFromTheSameSecretAndDifferentKeysFromDifferentSecrets() {
        assertEquals(ClickIdKey.fromSecret("0123456789abcdef"), ClickIdKey.fromSecret("0123456789abcdef"));
        assertNotEquals(ClickIdKey.fromSecret("0123456789abcdef"), ClickIdKey.fromSecret("0123456789abcdeg"));
    }

    @Test
    void shouldRejectSecretShorterThanSixteenCharactersWithoutQuotingIt() {
        String secret = "hunter2-hunter2"; // 15 characters
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> ClickIdKey.fromSecret(secret));
        assertFalse(error.getMessage().contains(secret), error.getMessage());
        assertFalse(error.getMessage().contains("hunter"), error.getMessage());
        assertTrue(error.getMessage().contains("16"), error.getMessage());
    }

    @Test
    void shouldRejectMissingOrEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> ClickIdKey.fromSecret(null));
        assertThrows(IllegalArgumentException.class, () -> ClickIdKey.fromSecret(""));
    }

    @Test
    void shouldRejectRawKeyOfWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> ClickIdKey.fromBytes(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> ClickIdKey.fromBytes(new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> ClickIdKey.fromBytes(null));
    }

    @Test
    void shouldKeepRawKeyBytesInReferenceOrder() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        ClickIdKey key = ClickIdKey.fromBytes(bytes);
        assertEquals(0x0706050403020100L, key.k0());
        assertEquals(0x0f0e0d0c0b0a0908L, key.k1());
        assertArrayEquals(bytes, key.toBytes());
    }

    @Test
    void shouldNotRevealTheKeyOrTheSecretInToString() {
        String secret = "a long enough operator secret";
        ClickIdKey key = ClickIdKey.fromSecret(secret);
        String hex = HexFormat.of().formatHex(key.toBytes());
        String text = key.toString();
        assertFalse(text.contains(secret));
        assertFalse(text.contains(hex));
        assertFalse(text.contains(hex.substring(0, 8)));
        assertFalse(text.contains(Long.toHexString(key.k0())));
        assertFalse(text.contains(Long.toString(key.k0())));
    }

    @Test
    void shouldCreateKeyFileOwnerOnlyAndReloadTheSameKey() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = directory.resolve("click-id.key");

        ClickIdKey created = ClickIdKey.loadOrCreate(file);

        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(HexFormat.of().formatHex(created.toBytes()) + "\n", Files.readString(file));
        assertEquals(created, ClickIdKey.loadOrCreate(file));
    }

    @Test
    void shouldLeaveNoTemporaryFileBehind() throws IOException {
        Path file = directory.resolve("click-id.key");
        ClickIdKey.loadOrCreate(file);
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(file), entries.collect(Collectors.toList()));
        }
    }

    @Test
    void shouldCreateMissingParentDirectories() throws IOException {
        Path file = directory.resolve("data/keys/click-id.key");
        ClickIdKey created = ClickIdKey.loadOrCreate(file);
        assertEquals(created, ClickIdKey.loadOrCreate(file));
    }

    @Test
    void shouldCreateADifferentRandomKeyForEachNewFile() throws IOException {
        assertNotEquals(ClickIdKey.loadOrCreate(directory.resolve("a.key")),
                ClickIdKey.loadOrCreate(directory.resolve("b.key")));
    }

    @Test
    void shouldReadUpperCaseHexSurroundedByWhitespace() throws IOException {
        Path file = directory.resolve("click-id.key");
        Files.writeString(file, "  000102030405060708090A0B0C0D0E0F\r\n");
        ClickIdKey key = ClickIdKey.loadOrCreate(file);
        assertEquals(0x0706050403020100L, key.k0());
        assertEquals(0x0f0e0d0c0b0a0908L, key.k1());
    }

    @Test
    void shouldRejectMalformedKeyFileWithoutQuotingItsContent() throws IOException {
        Path file = directory.resolve("click-id.key");
        for (String content : List.of("", "00010203", "000102030405060708090a0b0c0d0e0f00",
                "000102030405060708090a0b0c0d0e0g", "0001020304050607 08090a0b0c0d0e0f")) {
            Files.writeString(file, content);
            IOException error = assertThrows(IOException.class, () -> ClickIdKey.loadOrCreate(file), content);
            if (!content.isEmpty()) {
                assertFalse(error.getMessage().contains(content.substring(0, 8)), error.getMessage());
            }
            assertEquals(content, Files.readString(file), "a malformed key file is never overwritten");
        }
    }
}
