package io.smartlinkd.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What identifies one version of a file cheaply: modification time, size and file key (device and inode on Linux).
 * geoipupdate and our fetch script write a new file and rename it over the old one, which always changes the inode,
 * even within the same second and at the same size.
 *
 * @param fileKey null where the file system has none
 */
record FileStamp(long modifiedMs, long size, Object fileKey) {
    /** The file's stamp, or null when it does not exist or cannot be read. */
    static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
