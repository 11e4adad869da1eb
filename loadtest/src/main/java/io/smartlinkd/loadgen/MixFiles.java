package io.smartlinkd.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files that shape a {@link RequestMix}: slugs, weighted user agents, Accept-Language values. */
public final class MixFiles {
    private MixFiles() {
    }

    /** Reads the first column of a TSV file (blank lines and {@code #} comments skipped), without a leading '/'. */
    public static List<String> readSlugs(Path file) throws IOException {
        List<String> slugs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String slug = trimmed.split("\t", 2)[0].strip();
            while (slug.startsWith("/")) {
                slug = slug.substring(1);
            }
            if (!slug.isEmpty()) {
                slugs.add(slug);
            }
        }
        if (slugs.isEmpty()) {
            throw new IllegalArgumentException("no slugs in " + file);
        }
        return slugs;
    }

    /** Reads "weight&lt;TAB&gt;user agent" lines into {@code agents} and returns the weights. */
    public static double[] readUserAgents(Path file, List<String> agents) throws IOException {
        List<Double> weights = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                continue;
            }
            double w = Double.parseDouble(line.substring(0, tab).strip());
            String ua = line.substring(tab + 1).strip();
            if (w > 0 && !ua.isEmpty() && printable(ua)) {
                weights.add(w);
                agents.add(ua);
            }
        }
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("no 'weight<TAB>user agent' lines in " + file);
        }
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Reads one Accept-Language value per line (blank lines skipped), as the mix scripts' langs.txt. */
    public static List<String> readLanguages(Path file) throws IOException {
        List<String> languages = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String value = line.strip();
            if (!value.isEmpty()) {
                if (!printable(value)) {
                    throw new IllegalArgumentException("not printable ASCII in " + file + ": " + value);
                }
                languages.add(value);
            }
        }
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("no Accept-Language values in " + file);
        }
        return languages;
    }

    /** Header values go out as ISO-8859-1 bytes: only printable ASCII survives that unchanged. */
    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
