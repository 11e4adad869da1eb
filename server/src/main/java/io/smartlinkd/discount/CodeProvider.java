package io.smartlinkd.discount;

/** Where codes come from and go to. Blocking; called only from the discount background thread. */
public interface CodeProvider extends AutoCloseable {
    /**
     * Makes these codes usable at the store. Returns the ones that now exist there (a code the store refused,
     * e.g. a duplicate, is left out and logged), with the store's id for each.
     */
    java.util.List<ProvidedCode> create(java.util.List<String> codes) throws java.io.IOException, InterruptedException;

    /** Removes these codes from the store (expired or used up). Unknown ones are ignored. */
    void delete(java.util.List<ProvidedCode> codes) throws java.io.IOException, InterruptedException;

    /** Short name for logs and metrics: "local" or "shopify". */
    String name();

    @Override
    default void close() {
    }
}
