package io.smartlinkd.routing;

import io.smartlinkd.config.LinkConfig;

/**
 * Compiles the URLs routing sends clicks to into the template programs the click handler renders. Supplied by the
 * link package, which owns the template language, so routing stays below it.
 */
public interface UrlTemplates {
    /**
     * An offer URL or an {@code on_lost} URL: macros are substituted, no UTM parameters are added.
     *
     * @throws IllegalArgumentException with a message for the admin when the template is invalid
     */
    byte[] plain(String url);

    /**
     * A rule's destination, compiled like the link's own: the link's and the partner's UTM parameters are added.
     *
     * @throws IllegalArgumentException with a message for the admin when the template is invalid
     */
    byte[] destination(String url, LinkConfig link);
}
