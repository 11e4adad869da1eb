package io.smartlinkd.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Rewrites SnakeYAML's parser messages into what a person editing the file needs to know. */
final class SyntaxMessages {
    private static final Pattern CANNOT_START_TOKEN = Pattern.compile("found character '(.+?)' that cannot start any token.*",
            Pattern.DOTALL);
    private static final Pattern GLOBAL_TAG = Pattern.compile("Global tag is not allowed: (.*)", Pattern.DOTALL);
    private static final Pattern UNDEFINED_ALIAS = Pattern.compile("found undefined alias (.*)", Pattern.DOTALL);

    private SyntaxMessages() {
    }

    static String readable(MarkedYAMLException e, YamlFile file) {
        String problem = e.getProblem() == null ? "" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext();
        if (problem.startsWith("found character '\\t(TAB)'")) {
            return "tab characters cannot be used for indentation; use spaces";
        }
        Matcher matcher = CANNOT_START_TOKEN.matcher(problem);
        if (matcher.matches()) {
            return "a value cannot start with '" + matcher.group(1) + "'; put the value in quotes";
        }
        matcher = GLOBAL_TAG.matcher(problem);
        if (matcher.matches()) {
            return Tags.unsupported(matcher.group(1));
        }
        matcher = UNDEFINED_ALIAS.matcher(problem);
        if (matcher.matches()) {
            return "unknown alias *" + matcher.group(1) + " (an anchor &" + matcher.group(1) + " must come before it)";
        }
        if (problem.equals("found unexpected end of stream") && context.contains("quoted scalar")) {
            return "unclosed quote: the string that starts at " + file.at(e.getContextMark()) + " never ends";
        }
        if (context.equals("expected a single document in the stream")) {
            return "only one YAML document per file (found another '---')";
        }
        if (problem.startsWith("expected <block end>, but found")) {
            if (problem.endsWith("'<scalar>'")) {
                return "unexpected text after a value (put the whole value in quotes?)";
            }
            if (e.getContextMark() != null) {
                return "bad indentation: this line does not line up with the block that starts at "
                        + file.at(e.getContextMark());
            }
        }
        if (problem.equals("mapping values are not allowed here")) {
            return "unexpected ':' (check the indentation, or quote a value that contains ': ')";
        }
        if (problem.equals("could not find expected ':'")) {
            return "expected 'key: value' (check the indentation of this line and the one before)";
        }
        String readable = tokenNames(problem);
        boolean contextElsewhere = e.getContextMark() != null && e.getProblemMark() != null
                && e.getContextMark().getIndex() != e.getProblemMark().getIndex();
        if (context.startsWith("while ") && contextElsewhere) {
            readable += " (" + tokenNames(context) + " that starts at " + file.at(e.getContextMark()) + ")";
        }
        return readable;
    }

    private static String tokenNames(String text) {
        return text
                .replace("<block end>", "the end of the block")
                .replace("'<block mapping start>'", "a new key (is it indented too little or too much?)")
                .replace("<block mapping start>", "a new key")
                .replace("'<block sequence start>'", "a new list")
                .replace("'<scalar>'", "a value")
                .replace("'<stream end>'", "the end of the file")
                .replace("<stream end>", "the end of the file")
                .replace("the node content", "a value")
                .replace("block collection", "block")
                .replace("but got", "but found")
                .replace("scanning a simple key", "reading a key");
    }
}
