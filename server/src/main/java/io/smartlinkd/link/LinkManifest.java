package io.smartlinkd.link;

import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.FileStamp;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the live link table was compiled from, written next to it once its config is live, so that a restart with
 * the same link files can serve that table without reading them: which table, the stamp and link count of every
 * file that holds links, the environment the links looked up, the settings they depend on
 * ({@link LinkSetCompiler#linkContext}), the published-slug registry's next number, and the YAML of each rule
 * set's first link. Anything that differs means the links are read and compiled again.
 */
public final class LinkManifest implements ConfigLoader.KnownLinkFiles {
    private static final String FILE = "manifest.bin";
    private static final int FORMAT = 1;

    /** A file of links as it was when compiled. */
    public record LinkFile(String name, FileStamp stamp, long links) {
    }

    private final String table;
    private final long links;
    private final String context;
    private final List<String> envNames;
    private final String envHash;
    private final int nextLinkNumber;
    private final List<LinkFile> files;
    private final List<String> ruleSetSources;
    private final Map<String, LinkFile> byName = new HashMap<>();

    public LinkManifest(String table, long links, String context, List<String> envNames, String envHash,
                        int nextLinkNumber, List<LinkFile> files, List<String> ruleSetSources) {
        this.table = table;
        this.links = links;
        this.context = context;
        this.envNames = List.copyOf(envNames);
        this.envHash = envHash;
        this.nextLinkNumber = nextLinkNumber;
        this.files = List.copyOf(files);
        this.ruleSetSources = List.copyOf(ruleSetSources);
        for (LinkFile file : files) {
            byName.put(file.name(), file);
        }
    }

    /** The link table file's name, in the links directory. */
    public String table() {
        return table;
    }

    public long links() {
        return links;
    }

    public String context() {
        return context;
    }

    public List<String> envNames() {
        return envNames;
    }

    public String envHash() {
        return envHash;
    }

    public int nextLinkNumber() {
        return nextLinkNumber;
    }

    public List<LinkFile> files() {
        return files;
    }

    public List<String> ruleSetSources() {
        return ruleSetSources;
    }

    @Override
    public long linksIfKnown(String name, FileStamp stamp) {
        LinkFile file = byName.get(name);
        return file != null && file.stamp().equals(stamp) ? file.links() : -1;
    }

    /** A hash of the named variables' values ({@code env} gives null for unset ones). */
    public static String envHash(List<String> names, Function<String, String> env) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                String value = env.apply(name);
                digest.update((name + (value == null ? "\u0000unset" : "=" + value) + "\u0000")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest in {@code linksDir}; null when there is none or it cannot be read (then nothing is skipped). */
    public static LinkManifest read(Path linksDir) {
        Path path = linksDir.resolve(FILE);
        if (!Files.exists(path)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            String table = in.readUTF();
            long links = in.readLong();
            String context = in.readUTF();
            List<String> envNames = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                envNames.add(in.readUTF());
            }
            String envHash = in.readUTF();
            int nextLinkNumber = in.readInt();
            List<LinkFile> files = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                files.add(new LinkFile(in.readUTF(), new FileStamp(in.readLong(), in.readLong(), in.readUTF()),
                        in.readLong()));
            }
            List<String> sources = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                sources.add(new String(text, StandardCharsets.UTF_8));
            }
            return new LinkManifest(table, links, context, envNames, envHash, nextLinkNumber, files, sources);
        } catch (IOException | RuntimeException e) {
            // Damaged or from another version: the links are simply compiled again.
            return null;
        }
    }

    /** Writes it to {@code linksDir}, replacing the previous one whole. */
    public void write(Path linksDir) throws IOException {
        Files.createDirectories(linksDir);
        Path tmp = linksDir.resolve(FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FORMAT);
            out.writeUTF(table);
            out.writeLong(links);
            out.writeUTF(context);
            out.writeInt(envNames.size());
            for (String name : envNames) {
                out.writeUTF(name);
            }
            out.writeUTF(envHash);
            out.writeInt(nextLinkNumber);
            out.writeInt(files.size());
            for (LinkFile file : files) {
                out.writeUTF(file.name());
                out.writeLong(file.stamp().size());
                out.writeLong(file.stamp().modifiedNanos());
                out.writeUTF(file.stamp().identity());
                out.writeLong(file.links());
            }
            out.writeInt(ruleSetSources.size());
            for (String source : ruleSetSources) {
                byte[] text = source.getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        }
        Files.move(tmp, linksDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The same manifest with the registry's next link number as it is once the config's slugs are published. */
    public LinkManifest withNextLinkNumber(int number) {
        return new LinkManifest(table, links, context, envNames, envHash, number, files, ruleSetSources);
    }

    /** Removes it: the next start reads every link. */
    public static void delete(Path linksDir) throws IOException {
        Files.deleteIfExists(linksDir.resolve(FILE));
    }
}
