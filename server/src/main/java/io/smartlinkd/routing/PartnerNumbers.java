package io.smartlinkd.routing;

/**
 * How a config generation numbers its partners and partner groups: the numbers {@link ClickFacts} carry. The
 * generation's partner table implements it, so rules compile against exactly the numbers clicks will have.
 */
public interface PartnerNumbers {
    /** The partner's number, or 0 when there is no such partner. */
    int partnerNumber(String id);

    /** The group's number, or 0 when no partner has that group. */
    int groupNumber(String group);

    /** The partner id for a number, or null (explain output). */
    String partnerId(int number);

    /** The group name for a number, or null (explain output). */
    String groupName(int number);

    PartnerNumbers NONE = new PartnerNumbers() {
        @Override
        public int partnerNumber(String id) {
            return 0;
        }

        @Override
        public int groupNumber(String group) {
            return 0;
        }

        @Override
        public String partnerId(int number) {
            return null;
        }

        @Override
        public String groupName(int number) {
            return null;
        }
    };
}
