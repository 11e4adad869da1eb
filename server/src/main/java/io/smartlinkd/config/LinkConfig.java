package io.smartlinkd.config;

import java.util.List;
import java.util.Map;

/**
 * One link as the admin wrote it.
 *
 * @param id             stable identity of the link (defaults to the slug); a published slug stays bound to its id
 * @param slug           path segment, immutable once published
 * @param domain         host of a configured domain
 * @param destination    URL template with macros such as {@code {partner}} and {@code {click_id}}
 * @param destinationAt  where the destination is written, for template errors
 * @param utm            UTM parameters added unless the destination already has them, keyed without {@code utm_}
 * @param partners       partner ids allowed on a private link
 * @param partnerGroups  partner groups allowed on a private link
 * @param redirectStatus 301, 302, 307 or 308
 * @param fallback       where an inactive link redirects; null = answered as not found
 * @param routing        rules, their time zone and the answer for lost clicks; {@link LinkRouting#NONE} without rules
 * @param discount       id of the discount whose codes its clicks get, {@link DiscountConfig#PENDING} while the code
 *                       is not set yet, or null
 */
public record LinkConfig(
        String id,
        String slug,
        String domain,
        String name,
        String description,
        String destination,
        SourceLocation destinationAt,
        Map<String, String> utm,
        Access access,
        List<String> partners,
        List<String> partnerGroups,
        int redirectStatus,
        boolean active,
        String fallback,
        Rejection rejection,
        LinkRouting routing,
        String discount,
        SourceLocation at) {
}
