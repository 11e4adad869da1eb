package io.smartlinkd.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files for tests, after the MaxMind DB File Format Specification 2.0: a binary search tree
 * of nodes with two 24-, 28- or 32-bit records each, 16 zero bytes, the data section, then the metadata marker
 * {@code \xAB\xCD\xEFMaxMind.com} and the metadata map.
 *
 * <p>Data values: {@link String} (utf8_string), {@link Integer} / {@link Long} &ge; 0 (uint32, or uint64 when larger),
 * {@link BigInteger} (uint64), {@link Double}, {@link Boolean}, {@link List} (array) and {@link Map} with String keys.
 * Identical records are stored once and shared by every network that has them, as real writers do.
 *
 * <p>In an IPv6 tree, IPv4 networks go under {@code ::/96}. {@link #aliasIpv4} also points ::ffff:0:0/96 and
 * 2002::/16 at that subtree, as MaxMind's own databases do.
 */
public final class MmdbWriter {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private final String databaseType;
    private final int ipVersion;
    private final int recordSize;
    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final Map<String, Integer> dataOffsets = new HashMap<>();
    private boolean aliasIpv4;
    private long buildEpoch = 1_700_000_000L;

    /** A slot of a node: null (no data), a {@link Node}, or a {@link Leaf}. */
    private static final class Node {
        final Object[] records = new Object[2];
    }

    private record Leaf(int dataOffset) {
    }

    public MmdbWriter(String databaseType, int ipVersion, int recordSize) {
        if (ipVersion != 4 && ipVersion != 6 || recordSize != 24 && recordSize != 28 && recordSize != 32) {
            throw new IllegalArgumentException("ip version " + ipVersion + ", record size " + recordSize);
        }
        this.databaseType = databaseType;
        this.ipVersion = ipVersion;
        this.recordSize = recordSize;
    }

    MmdbWriter aliasIpv4() {
        aliasIpv4 = true;
        return this;
    }

    MmdbWriter buildEpoch(long seconds) {
        buildEpoch = seconds;
        return this;
    }

    /**
     * Gives a network its record; a later, longer prefix inside it wins for its part.
     *
     * @param cidr e.g. {@code 81.2.69.0/24} or {@code 2a02:ec0::/29}
     */
    public MmdbWriter insert(String cidr, Map<String, ?> record) {
        int slash = cidr.indexOf('/');
        byte[] address = address(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (address.length == 4 && ipVersion == 6) {
            byte[] embedded = new byte[16];
            System.arraycopy(address, 0, embedded, 12, 4);
            address = embedded;
            prefix += 96;
        } else if (address.length == 16 && ipVersion == 4) {
            throw new IllegalArgumentException("IPv6 network in an IPv4 tree: " + cidr);
        }
        if (prefix < 1 || prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix of " + cidr);
        }
        set(address, prefix, new Leaf(store(record)));
        return this;
    }

    private void set(byte[] address, int prefix, Object value) {
        Node node = root;
        for (int i = 0; i < prefix - 1; i++) {
            int bit = bit(address, i);
            Object next = node.records[bit];
            if (next instanceof Node) {
                node = (Node) next;
            } else {
                // Split an empty or data slot: both halves keep what the whole had.
                Node split = new Node();
                split.records[0] = next;
                split.records[1] = next;
                node.records[bit] = split;
                node = split;
            }
        }
        node.records[bit(address, prefix - 1)] = value;
    }

    private static int bit(byte[] address, int index) {
        return (address[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    private static byte[] address(String text) {
        try {
            // A literal address, so no name lookup happens.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private int store(Map<String, ?> record) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        encode(encoded, record);
        byte[] bytes = encoded.toByteArray();
        return dataOffsets.computeIfAbsent(new String(bytes, StandardCharsets.ISO_8859_1), key -> {
            int offset = data.size();
            data.writeBytes(bytes);
            return offset;
        });
    }

    byte[] toBytes() {
        if (aliasIpv4 && ipVersion == 6) {
            Node ipv4 = ipv4Root();
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            set(mapped, 96, ipv4);
            set(new byte[] {0x20, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 16, ipv4);
        }
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> numbers = new IdentityHashMap<>();
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(root);
        numbers.put(root, 0);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            nodes.add(node);
            for (Object record : node.records) {
                if (record instanceof Node && !numbers.containsKey(record)) {
                    numbers.put((Node) record, numbers.size());
                    queue.add((Node) record);
                }
            }
        }
        long nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            long left = recordValue(node.records[0], numbers, nodeCount);
            long right = recordValue(node.records[1], numbers, nodeCount);
            writeNode(out, left, right);
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", nodeCount);
        metadata.put("record_size", recordSize);
        metadata.put("ip_version", ipVersion);
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", 2);
        metadata.put("binary_format_minor_version", 0);
        metadata.put("build_epoch", BigInteger.valueOf(buildEpoch));
        metadata.put("description", Map.of("en", "smartlinkd test database"));
        encode(out, metadata);
        return out.toByteArray();
    }

    /** Writes the file through a temporary name and a rename, as geoipupdate does. */
    public Path writeTo(Path file) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, toBytes());
            return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node at ::/96, created when absent. */
    private Node ipv4Root() {
        Node node = root;
        for (int i = 0; i < 96; i++) {
            Object next = node.records[0];
            if (!(next instanceof Node)) {
                Node split = new Node();
                split.records[0] = next;
                split.records[1] = next;
                node.records[0] = split;
                next = split;
            }
            node = (Node) next;
        }
        return node;
    }

    private static long recordValue(Object record, Map<Node, Integer> numbers, long nodeCount) {
        if (record == null) {
            return nodeCount;
        }
        if (record instanceof Node) {
            return numbers.get(record);
        }
        return nodeCount + 16 + ((Leaf) record).dataOffset();
    }

    private void writeNode(ByteArrayOutputStream out, long left, long right) {
        long limit = 1L << recordSize;
        if (left >= limit || right >= limit) {
            throw new IllegalStateException("tree too large for " + recordSize + "-bit records");
        }
        switch (recordSize) {
            case 24 -> {
                writeBigEndian(out, left, 3);
                writeBigEndian(out, right, 3);
            }
            case 28 -> {
                writeBigEndian(out, left & 0xFF_FFFF, 3);
                out.write((int) ((left >>> 24) << 4 | (right >>> 24)));
                writeBigEndian(out, right & 0xFF_FFFF, 3);
            }
            default -> {
                writeBigEndian(out, left, 4);
                writeBigEndian(out, right, 4);
            }
        }
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    // --- data section encoding ---

    private static final int UTF8 = 2;
    private static final int DOUBLE = 3;
    private static final int MAP = 7;
    private static final int UINT32 = 6;
    private static final int UINT64 = 9;
    private static final int ARRAY = 11;
    private static final int BOOLEAN = 14;

    static void encode(ByteArrayOutputStream out, Object value) {
        if (value instanceof String) {
            byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
            control(out, UTF8, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            if (number < 0) {
                throw new IllegalArgumentException("negative " + number);
            }
            unsigned(out, number <= 0xFFFF_FFFFL ? UINT32 : UINT64, BigInteger.valueOf(number));
        } else if (value instanceof BigInteger) {
            unsigned(out, UINT64, (BigInteger) value);
        } else if (value instanceof Double) {
            control(out, DOUBLE, 8);
            writeBigEndian(out, Double.doubleToLongBits((Double) value), 8);
        } else if (value instanceof Boolean) {
            control(out, BOOLEAN, (Boolean) value ? 1 : 0);
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            control(out, ARRAY, list.size());
            for (Object item : list) {
                encode(out, item);
            }
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            control(out, MAP, map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                encode(out, (String) entry.getKey());
                encode(out, entry.getValue());
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = 0;
        while (skip < bytes.length && bytes[skip] == 0) {
            skip++;
        }
        control(out, type, bytes.length - skip);
        out.write(bytes, skip, bytes.length - skip);
    }

    /** Control byte (type in the top 3 bits, 0 = extended), extended type byte, then the size's extra bytes. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        int extraBytes;
        int extra;
        if (size < 29) {
            sizeBits = size;
            extraBytes = 0;
            extra = 0;
        } else if (size < 29 + 256) {
            sizeBits = 29;
            extraBytes = 1;
            extra = size - 29;
        } else if (size < 285 + 65_536) {
            sizeBits = 30;
            extraBytes = 2;
            extra = size - 285;
        } else {
            sizeBits = 31;
            extraBytes = 3;
            extra = size - 65_821;
        }
        out.write((type <= 7 ? type : 0) << 5 | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        writeBigEndian(out, extra, extraBytes);
    }
}
