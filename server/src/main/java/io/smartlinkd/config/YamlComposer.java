package io.smartlinkd.config;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

/**
 * Reads one YAML file into a node tree with positions, within limits that make hostile files cheap to refuse:
 * size, alias count (billion laughs), nesting depth. Composes only: no tag ever becomes a Java object. The
 * top-level {@code links:} list is streamed item by item (see {@link LinkItemsComposer}).
 */
final class YamlComposer {
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_NESTING_DEPTH = 50;

    private YamlComposer() {
    }

    /** A composed file: its root node (null for an empty or refused file) and how many link items it has. */
    record Composed(Node root, long linkItems) {
    }

    /**
     * Composes the file, handing each item of its top-level {@code links:} list to {@code links} (or skipping it)
     * instead of keeping it in the tree. Reads the file as a stream, so a large file never sits in memory whole.
     */
    static Composed compose(Path path, YamlFile file, LinkItemsComposer.LinkItems links) {
        if (!sizeAllowed(path, file)) {
            return new Composed(null, 0);
        }
        LoaderOptions options = options();
        LinkItemsComposer composer = null;
        LastEventParser parser = null;
        try (Reader reader = new InputStreamReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16),
                strictUtf8())) {
            parser = new LastEventParser(new ParserImpl(new StreamReader(reader), options));
            composer = new LinkItemsComposer(parser, options, links);
            return new Composed(composer.getSingleNode(), composer.itemCount());
        } catch (MarkedYAMLException e) {
            file.error(file.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()),
                    SyntaxMessages.readable(e, file));
        } catch (ReaderException e) {
            file.error(codePointAt(path, e.getPosition(), file), "character U+" + String.format("%04X",
                    e.getCodePoint()) + " is not allowed in YAML");
        } catch (YAMLException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                invalidUtf8(path, file);
            } else {
                file.error(file.at(parser == null ? null : parser.lastMark()), limitMessage(e));
            }
        } catch (IOException e) {
            file.error(SourceLocation.of(file.name()), "cannot read the file: " + IoMessages.describe(e));
        } catch (RuntimeException e) {
            // A parser bug on strange input must refuse this file, not break the reload.
            file.error(file.at(parser == null ? null : parser.lastMark()), "cannot parse this file (" + e + ")");
        }
        return new Composed(null, composer == null ? 0 : composer.itemCount());
    }

    /** Composes YAML held in a string (a single small document); null with the error reported. */
    static Node composeText(String text, YamlFile file) {
        LoaderOptions options = options();
        LastEventParser parser = new LastEventParser(new ParserImpl(new StreamReader(text), options));
        try {
            return new LinkItemsComposer(parser, options, LinkItemsComposer.LinkItems.SKIP).getSingleNode();
        } catch (MarkedYAMLException e) {
            file.error(file.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()),
                    SyntaxMessages.readable(e, file));
        } catch (RuntimeException e) {
            file.error(file.at(parser.lastMark()), "cannot parse (" + e + ")");
        }
        return null;
    }

    /** A composed node written back as a YAML document (block style; positions and comments are lost). */
    static String toYaml(Node node) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        StringWriter out = new StringWriter();
        Serializer serializer = new Serializer(new Emitter(out, options), new Resolver(), options, null);
        try {
            serializer.open();
            serializer.serialize(node);
            serializer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setProcessComments(false);
        return options;
    }

    private static String limitMessage(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Number of aliases")) {
            return "more than " + MAX_COLLECTION_ALIASES + " aliases to lists or mappings; refused (alias bomb?)";
        }
        if (message.startsWith("Nesting Depth")) {
            return "nested more than " + MAX_NESTING_DEPTH + " levels deep; refused";
        }
        return message;
    }

    private static boolean sizeAllowed(Path path, YamlFile file) {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                file.error(SourceLocation.of(file.name()), "file is larger than 64 MiB (" + size + " bytes); refused");
                return false;
            }
            return true;
        } catch (IOException e) {
            file.error(SourceLocation.of(file.name()), "cannot read the file: " + IoMessages.describe(e));
            return false;
        }
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Finds and reports the first byte that is not UTF-8; only on that error, so reading the file again is fine. */
    private static void invalidUtf8(Path path, YamlFile file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            file.error(SourceLocation.of(file.name()), "cannot read the file: " + IoMessages.describe(e));
            return;
        }
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError()) {
            file.error(byteLine(bytes, in.position(), file), "not valid UTF-8 (byte " + in.position() + ")");
        } else {
            file.error(SourceLocation.of(file.name()), "not valid UTF-8");
        }
    }

    private static SourceLocation byteLine(byte[] bytes, int offset, YamlFile file) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(file.name(), line, offset - lineStart + 1);
    }

    /** SnakeYAML reports unprintable characters by code point index only. */
    private static SourceLocation codePointAt(Path path, int codePointIndex, YamlFile file) {
        int line = 1;
        int column = 1;
        try (Reader reader = new InputStreamReader(new BufferedInputStream(Files.newInputStream(path)),
                StandardCharsets.UTF_8)) {
            int index = 0;
            int c;
            while (index < codePointIndex && (c = reader.read()) >= 0) {
                if (Character.isHighSurrogate((char) c)) {
                    reader.read();
                }
                if (c == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                index++;
            }
        } catch (IOException e) {
            return SourceLocation.of(file.name());
        }
        return new SourceLocation(file.name(), line, column);
    }
}
