package io.smartlinkd.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code bots.yaml}: what, besides the built-in lists, makes a user agent a bot, and how many classified user
 * agents are remembered.
 *
 * @param userAgents      case-insensitive substrings (printable ASCII) that flag a user agent as a bot
 * @param crawlerList     a crawler-user-agents JSON file that replaces the bundled one; null = the bundled list
 * @param crawlerListAt   where {@code crawler_list} is written, for errors found when the file is read
 * @param userAgentCache  slots of the user-agent classification cache (a power of two); read at start only
 */
public record BotsConfig(List<String> userAgents, Path crawlerList, SourceLocation crawlerListAt, int userAgentCache) {
    public static final int DEFAULT_USER_AGENT_CACHE = 65_536;
    public static final BotsConfig DEFAULTS = new BotsConfig(List.of(), null, null, DEFAULT_USER_AGENT_CACHE);

    public BotsConfig {
        userAgents = List.copyOf(userAgents);
    }
}
