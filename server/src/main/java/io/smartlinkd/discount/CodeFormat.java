package io.smartlinkd.discount;

import java.util.random.RandomGenerator;

/**
 * How a discount's codes look: a fixed prefix, then {@code length} characters drawn uniformly from {@code alphabet}.
 * A code's strength is its random part alone ({@link #bits()}); the prefix is public and adds nothing.
 *
 * <p>The default alphabet leaves out characters shoppers confuse when typing a code from a screenshot
 * (0/O, 1/I/L), and 14 of its 31 characters give 69 random bits: guessing a live code among a million issued
 * ones takes about 2^49 tries. Letters are upper case only, because store checkouts match codes without regard to
 * case: a mixed-case alphabet would promise bits that do not exist.
 */
public record CodeFormat(String prefix, String alphabet, int length) {
    public static final String DEFAULT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public static final int DEFAULT_LENGTH = 14;
    /** Formats under this many random bits are refused: a shared screenshot must not let others guess live codes. */
    public static final int MIN_BITS = 40;
    public static final int MAX_CODE_CHARS = 48;
    public static final CodeFormat DEFAULT = new CodeFormat("", DEFAULT_ALPHABET, DEFAULT_LENGTH);

    /** Random bits in one code: {@code length * log2(alphabet size)}. */
    public double bits() {
        return length * (Math.log(alphabet.length()) / Math.log(2));
    }

    public int codeChars() {
        return prefix.length() + length;
    }

    /** Why this format cannot be used, or null. */
    public String problem() {
        if (alphabet.length() < 2) {
            return "alphabet needs at least 2 distinct characters";
        }
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            if (!isCodeChar(c)) {
                return "alphabet may only hold A-Z, 0-9, '-' and '_' (got '" + c + "'; checkouts ignore case)";
            }
            if (alphabet.indexOf(c) != i) {
                return "alphabet repeats '" + c + "'";
            }
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (!isCodeChar(prefix.charAt(i))) {
                return "prefix may only hold A-Z, 0-9, '-' and '_' (checkouts ignore case)";
            }
        }
        if (length < 1 || codeChars() > MAX_CODE_CHARS) {
            return "codes must be 1 to " + MAX_CODE_CHARS + " characters with the prefix (got " + codeChars() + ")";
        }
        if (bits() < MIN_BITS) {
            return String.format(java.util.Locale.ROOT, "codes of %d characters from %d have %.1f random bits; at"
                    + " least %d are needed (make them longer or the alphabet larger)", length, alphabet.length(),
                    bits(), MIN_BITS);
        }
        return null;
    }

    /** A new code as ASCII bytes. Called off the event loop (the pool refiller), with a {@code SecureRandom}. */
    public byte[] mint(RandomGenerator random) {
        byte[] code = new byte[codeChars()];
        mintInto(random, code);
        return code;
    }

    /** Writes a new code into the first {@link #codeChars()} bytes of {@code code}, as {@link #mint} makes one. */
    public void mintInto(RandomGenerator random, byte[] code) {
        for (int i = 0; i < prefix.length(); i++) {
            code[i] = (byte) prefix.charAt(i);
        }
        int size = alphabet.length();
        for (int i = prefix.length(); i < codeChars(); i++) {
            code[i] = (byte) alphabet.charAt(random.nextInt(size));
        }
    }

    /**
     * A code as a shopper or store reported it, in the form codes are stored (upper case), or null when it cannot be
     * a code of any format: what the webhook does before looking it up.
     */
    public static String normalized(String text) {
        if (text == null) {
            return null;
        }
        String code = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (code.isEmpty() || code.length() > MAX_CODE_CHARS) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (!isCodeChar(code.charAt(i))) {
                return null;
            }
        }
        return code;
    }

    private static boolean isCodeChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
