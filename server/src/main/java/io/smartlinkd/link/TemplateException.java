package io.smartlinkd.link;

/** A destination template that cannot be compiled; {@code index} is the offending char's 0-based position. */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int index;

    public TemplateException(String message, int index) {
        super(message);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
