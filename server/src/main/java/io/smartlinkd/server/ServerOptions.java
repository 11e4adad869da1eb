package io.smartlinkd.server;

import io.smartlinkd.config.HostPort;
import java.nio.file.Path;

/**
 * Command-line choices that override the config's {@code server:} section; null means "as configured".
 *
 * @param watchConfig reload when files in the config directory change
 */
public record ServerOptions(Path configDir, Path dataDir, HostPort listen, HostPort admin, boolean watchConfig) {
    public static ServerOptions of(Path configDir, Path dataDir) {
        return new ServerOptions(configDir, dataDir, null, null, true);
    }

    public ServerOptions withListen(HostPort listen, HostPort admin) {
        return new ServerOptions(configDir, dataDir, listen, admin, watchConfig);
    }
}
