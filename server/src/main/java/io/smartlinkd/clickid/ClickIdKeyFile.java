package io.smartlinkd.clickid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Reads and creates the click-id key file: 32 lower-case hex characters and a newline.
 * <p>
 * A new key is written to a temporary file in the same directory (mode 0600 where POSIX permissions exist), forced
 * to disk, then moved into place, so a reader never sees a partial key. If another process created the file first,
 * its key wins and is returned.
 * <p>
 * Stateless; blocking file I/O, for start-up only.
 */
final class ClickIdKeyFile {
    private static final int HEX_CHARS = 2 * ClickIdKey.LENGTH_BYTES;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ClickIdKeyFile() {
    }

    static ClickIdKey loadOrCreate(Path file) throws IOException {
        try {
            return read(file);
        } catch (NoSuchFileException absent) {
            return create(file);
        }
    }

    static ClickIdKey read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int start = 0;
        int end = content.length;
        while (start < end && isAsciiWhitespace(content[start])) {
            start++;
        }
        while (end > start && isAsciiWhitespace(content[end - 1])) {
            end--;
        }
        if (end - start != HEX_CHARS) {
            throw malformed(file);
        }
        byte[] key = new byte[ClickIdKey.LENGTH_BYTES];
        for (int i = 0; i < key.length; i++) {
            int high = hexValue(content[start + 2 * i]);
            int low = hexValue(content[start + 2 * i + 1]);
            if ((high | low) < 0) {
                throw malformed(file);
            }
            key[i] = (byte) (high << 4 | low);
        }
        return ClickIdKey.fromBytes(key);
    }

    private static ClickIdKey create(Path file) throws IOException {
        byte[] key = new byte[ClickIdKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(key);

        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];

        Path temporary = Files.createTempFile(directory, ".click-id-key-", ".tmp", attributes);
        try {
            if (posix) {
                Files.setPosixFilePermissions(temporary, OWNER_ONLY); // in case a umask narrowed it oddly
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(hexLine(key));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                // Without REPLACE_EXISTING the move refuses an existing target: a key already handed out elsewhere
                // is never overwritten. The rename itself is atomic.
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException createdConcurrently) {
                return read(file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return ClickIdKey.fromBytes(key);
    }

    private static byte[] hexLine(byte[] key) {
        byte[] line = new byte[HEX_CHARS + 1];
        for (int i = 0; i < key.length; i++) {
            line[2 * i] = HEX_DIGITS[(key[i] >>> 4) & 0xf];
            line[2 * i + 1] = HEX_DIGITS[key[i] & 0xf];
        }
        line[HEX_CHARS] = '\n';
        return line;
    }

    private static int hexValue(byte c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

    private static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static IOException malformed(Path file) {
        // The content is never quoted: it may be a key.
        return new IOException("click id key file " + file + " must hold exactly " + HEX_CHARS + " hex characters");
    }
}
