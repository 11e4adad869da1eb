package io.smartlinkd.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node's journal directory: lists its segments in index order and opens them. Stateless apart from the
 * directory; listing allocates, stepping through records (in {@link SegmentReader}) does not.
 */
public final class JournalReader {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{20})\\.seg");
    private static final long[] NONE = new long[0];

    private final Path directory;

    public JournalReader(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Segment indexes present now, ascending; files that do not match the naming pattern are ignored. */
    public long[] segments() throws IOException {
        long[] indexes = NONE;
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "segment-*.seg")) {
            for (Path entry : entries) {
                Matcher name = SEGMENT.matcher(entry.getFileName().toString());
                if (name.matches()) {
                    if (count == indexes.length) {
                        indexes = Arrays.copyOf(indexes, Math.max(8, count * 2));
                    }
                    indexes[count++] = Long.parseLong(name.group(1));
                }
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(directory + ": no such journal directory");
        }
        long[] sorted = Arrays.copyOf(indexes, count);
        Arrays.sort(sorted);
        return sorted;
    }

    public Path segmentFile(long index) {
        return directory.resolve(JournalFormat.segmentName(index));
    }

    /**
     * Opens segment {@code index} and checks that its header agrees with its name and, when {@code nodeId} is not
     * negative, with the node the rest of the journal belongs to.
     */
    public SegmentReader open(long index, boolean newest, int nodeId) throws IOException {
        Path file = segmentFile(index);
        SegmentReader segment = SegmentReader.open(file, newest);
        SegmentHeader header = segment.header();
        String problem = null;
        if (header.index() != index) {
            problem = "header says segment " + header.index() + " but the file is named for " + index;
        } else if (nodeId >= 0 && header.nodeId() != nodeId) {
            problem = "segment belongs to node " + header.nodeId() + ", the journal to node " + nodeId;
        }
        if (problem != null) {
            segment.close();
            throw new JournalCorruptException(file, 0, problem);
        }
        return segment;
    }
}
