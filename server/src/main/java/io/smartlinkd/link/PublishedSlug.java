package io.smartlinkd.link;

/**
 * What the server remembers about a slug it has served.
 *
 * @param linkId           the link the slug belongs to, forever
 * @param linkNumber       stable number used in click ids
 * @param firstPublishedMs when it was first served
 * @param file             config file that first published it, for error messages
 */
public record PublishedSlug(String linkId, int linkNumber, long firstPublishedMs, String file) {
    String encode() {
        return linkNumber + "\t" + firstPublishedMs + "\t" + linkId + "\t" + file;
    }

    static PublishedSlug decode(CharSequence text) {
        String[] parts = text.toString().split("\t", 4);
        return new PublishedSlug(parts[2], Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[3]);
    }
}
