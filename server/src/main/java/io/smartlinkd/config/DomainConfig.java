package io.smartlinkd.config;

import java.util.List;

/**
 * A tracking domain: its links answer requests whose Host header is {@code host} or one of {@code aliases}.
 *
 * @param notFoundUrl where unknown slugs are redirected (302); null = a plain 404
 */
public record DomainConfig(String host, List<String> aliases, String notFoundUrl, SourceLocation at) {
}
