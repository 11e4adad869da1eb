package io.smartlinkd.link;

import io.smartlinkd.config.Rejection;

/**
 * A flyweight over one link record ({@link LinkRecordFormat}): {@link #wrap} re-points it at new bytes without
 * allocating. Not thread-safe; each event loop owns one.
 */
public final class LinkView {
    private static final Rejection.Kind[] REJECTIONS = Rejection.Kind.values();

    private byte[] bytes;
    private int linkIdOffset;
    private int linkIdLength;
    private int destinationOffset;
    private int destinationLength;
    private int fallbackOffset;
    private int fallbackLength;
    private int rejectionOffset;
    private int rejectionLength;
    private int partnersOffset;
    private int partnerCount;
    private int groupsOffset;
    private int groupCount;

    public LinkView wrap(byte[] record) {
        bytes = record;
        int at = LinkRecordFormat.HEADER_BYTES;
        linkIdLength = u16(at);
        linkIdOffset = at + 2;
        at = linkIdOffset + linkIdLength;
        destinationLength = u16(at);
        destinationOffset = at + 2;
        at = destinationOffset + destinationLength;
        fallbackLength = u16(at);
        fallbackOffset = at + 2;
        at = fallbackOffset + fallbackLength;
        rejectionLength = u16(at);
        rejectionOffset = at + 2;
        at = rejectionOffset + rejectionLength;
        partnerCount = u16(at);
        partnersOffset = at + 2;
        at = partnersOffset + 4 * partnerCount;
        groupCount = u16(at);
        groupsOffset = at + 2;
        return this;
    }

    public byte[] bytes() {
        return bytes;
    }

    public boolean active() {
        return (bytes[1] & LinkRecordFormat.FLAG_ACTIVE) != 0;
    }

    public boolean isPrivate() {
        return (bytes[1] & LinkRecordFormat.FLAG_PRIVATE) != 0;
    }

    public int redirectStatus() {
        return u16(2);
    }

    public Rejection.Kind rejection() {
        return REJECTIONS[bytes[4]];
    }

    public int linkNumber() {
        return ((bytes[6] & 0xFF) << 24) | ((bytes[7] & 0xFF) << 16) | ((bytes[8] & 0xFF) << 8) | (bytes[9] & 0xFF);
    }

    /** The link's rule set in the generation's routing table; 0 when the link has no rules. */
    public int ruleSet() {
        int at = LinkRecordFormat.RULE_SET;
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    /** The link's discount number, 0 without one, {@link LinkRecordFormat#DISCOUNT_PENDING} while it is TBD. */
    public int discount() {
        return u16(LinkRecordFormat.DISCOUNT);
    }

    public int linkIdOffset() {
        return linkIdOffset;
    }

    public int linkIdLength() {
        return linkIdLength;
    }

    public String linkId() {
        return new String(bytes, linkIdOffset, linkIdLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public int destinationOffset() {
        return destinationOffset;
    }

    public int destinationLength() {
        return destinationLength;
    }

    public int fallbackOffset() {
        return fallbackOffset;
    }

    public int fallbackLength() {
        return fallbackLength;
    }

    public int rejectionOffset() {
        return rejectionOffset;
    }

    public int rejectionLength() {
        return rejectionLength;
    }

    /** Whether a private link lets this partner (number from the partner table) or its group use it. */
    public boolean admits(int partnerNumber, int groupNumber) {
        return containsPartner(partnerNumber) || (groupNumber > 0 && containsGroup(groupNumber));
    }

    private boolean containsPartner(int partnerNumber) {
        int low = 0;
        int high = partnerCount - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = partnersOffset + 4 * mid;
            int value = ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16)
                    | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
            if (value < partnerNumber) {
                low = mid + 1;
            } else if (value > partnerNumber) {
                high = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private boolean containsGroup(int groupNumber) {
        for (int i = 0; i < groupCount; i++) {
            if (u16(groupsOffset + 2 * i) == groupNumber) {
                return true;
            }
        }
        return false;
    }

    private int u16(int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }
}
