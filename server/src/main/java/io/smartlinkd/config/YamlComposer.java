package io.smartlinkd.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML file into a node tree with positions, within limits that make hostile files cheap to refuse:
 * size, alias count (billion laughs), nesting depth. Composes only: no tag ever becomes a Java object.
 */
final class YamlComposer {
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_NESTING_DEPTH = 50;

    private YamlComposer() {
    }

    /** The document's root node; null for an empty file or a refused one (then errors say why). */
    static Node compose(Path path, YamlFile file) {
        String text = readUtf8(path, file);
        if (text == null) {
            return null;
        }
        LoaderOptions options = options();
        LastEventParser parser = new LastEventParser(new ParserImpl(new StreamReader(text), options));
        try {
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            file.error(file.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()),
                    SyntaxMessages.readable(e, file));
        } catch (ReaderException e) {
            file.error(positionOf(text, e.getPosition(), file), "character U+" + String.format("%04X", e.getCodePoint())
                    + " is not allowed in YAML");
        } catch (YAMLException e) {
            file.error(file.at(parser.lastMark()), limitMessage(e));
        } catch (RuntimeException e) {
            // A parser bug on strange input must refuse this file, not break the reload.
            file.error(file.at(parser.lastMark()), "cannot parse this file (" + e + ")");
        }
        return null;
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

    private static String readUtf8(Path path, YamlFile file) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                file.error(SourceLocation.of(file.name()), "file is larger than 64 MiB (" + size + " bytes); refused");
                return null;
            }
            try (InputStream in = Files.newInputStream(path)) {
                // The size can change between the check and the read.
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
        } catch (IOException e) {
            file.error(SourceLocation.of(file.name()), "cannot read the file: " + IoMessages.describe(e));
            return null;
        }
        if (bytes.length > MAX_FILE_BYTES) {
            file.error(SourceLocation.of(file.name()), "file is larger than 64 MiB; refused");
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            file.error(byteLine(bytes, in.position(), file), "not valid UTF-8 (byte " + in.position() + ")");
            return null;
        }
        decoder.flush(out);
        return out.flip().toString();
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
    private static SourceLocation positionOf(String text, int codePointIndex, YamlFile file) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; i += Character.charCount(text.codePointAt(i))) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            index++;
        }
        return new SourceLocation(file.name(), line, column);
    }
}
