package io.smartlinkd.discount;

import java.io.IOException;
import java.util.List;

/**
 * Where codes come from and go to. Blocking; called only from the discount background thread, never from an
 * event loop.
 */
public interface CodeProvider extends AutoCloseable {
    /**
     * Makes these codes usable at the store. Returns the ones that now exist there (a code the store refused,
     * e.g. a duplicate, is left out and logged), with the store's id for each.
     */
    List<ProvidedCode> create(List<String> codes) throws IOException, InterruptedException;

    /**
     * True when a code exists as soon as it is minted, with no store to tell (store id 0): the refill then puts
     * minted codes straight into the pool without calling {@link #create}.
     */
    default boolean mintedCodesExist() {
        return false;
    }

    /** Removes these codes from the store (expired or used up). Unknown ones are ignored. */
    void delete(List<ProvidedCode> codes) throws IOException, InterruptedException;

    /** Short name for logs and metrics: "local" or "shopify". */
    String name();

    @Override
    default void close() {
    }
}
