package io.smartlinkd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What tells a file changed without reading it: size, modification time to the nanosecond and the file's identity
 * (device and inode), as make and rsync judge it. An editor that saves by rename changes the identity.
 */
public record FileStamp(long size, long modifiedNanos, String identity) {
    /** The stamp of {@code path}, or null when it cannot be read. */
    public static FileStamp of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key == null ? "" : key.toString());
        } catch (IOException e) {
            return null;
        }
    }
}
