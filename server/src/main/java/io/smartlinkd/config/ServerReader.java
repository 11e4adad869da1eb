package io.smartlinkd.config;

import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the {@code server:} section; every key is optional. */
final class ServerReader {
    static final List<String> KEYS = List.of("node_id", "listen", "admin", "health_on_public", "data_dir", "limits",
            "drain", "shutdown_timeout", "io_threads", "click_id_key", "click_id_key_file", "default_domain", "journal",
            "geo", "trusted_proxies", "proxy_protocol", "visitors", "caps_share", "webhooks");
    static final List<String> WEBHOOK_KEYS = List.of("shopify_secrets", "secrets", "max_body_bytes");
    static final List<String> JOURNAL_KEYS = List.of("ring_size", "segment_bytes", "fsync", "fsync_interval",
            "ip_privacy");
    static final List<String> VISITOR_KEYS = List.of("set_cookie", "cookie", "max_age", "secure", "unique_window",
            "unique_capacity");
    static final List<String> LIMIT_KEYS = List.of("max_request_line_bytes", "max_header_bytes", "header_timeout",
            "idle_timeout");

    private static final int MIN_CLICK_ID_KEY_CHARS = 16;
    // A key is a line of text; a bound keeps a mistaken path (a log, /dev/zero) from being read whole.
    private static final int MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final long TEN_MINUTES_MS = 600_000;
    private static final long ONE_HOUR_MS = 3_600_000;
    private static final long ONE_DAY_MS = 86_400_000;
    // RFC 6265 token characters that need no quoting anywhere; enough for any sensible cookie name.
    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ServerReader() {
    }

    static ConfigDraft.Server read(YamlValue section, SourceLocation keyAt) {
        ServerConfig defaults = ServerConfig.defaults();
        YamlMap server = section.map("in server", KEYS);
        ServerConfig config = new ServerConfig(
                server.get("node_id").integer(0, 65535, defaults.nodeId()),
                address(server.get("listen"), defaults.listen()),
                address(server.get("admin"), defaults.admin()),
                server.get("health_on_public").bool(defaults.healthOnPublic()),
                server.optionalString("data_dir"),
                limits(server.get("limits")),
                server.get("drain").durationMs(0, TEN_MINUTES_MS, defaults.drainMs()),
                server.get("shutdown_timeout").durationMs(0, TEN_MINUTES_MS, defaults.shutdownTimeoutMs()),
                server.get("io_threads").integer(0, 256, defaults.ioThreads()),
                clickIdKey(server),
                server.optionalString("default_domain"),
                journal(server.get("journal")),
                GeoReader.read(server.get("geo")),
                trustedProxies(server.get("trusted_proxies")),
                server.get("proxy_protocol").bool(defaults.proxyProtocol()),
                visitors(server.get("visitors")),
                capsShare(server.get("caps_share")),
                webhooks(server.get("webhooks")));
        SourceLocation defaultDomainAt = config.defaultDomain() == null ? null : server.get("default_domain").at();
        return new ConfigDraft.Server(config, keyAt, defaultDomainAt);
    }

    private static WebhookConfig webhooks(YamlValue value) {
        YamlMap webhooks = value.map("in webhooks", WEBHOOK_KEYS);
        return new WebhookConfig(
                secrets(webhooks.get("shopify_secrets").renamed("webhooks.shopify_secrets")),
                secrets(webhooks.get("secrets").renamed("webhooks.secrets")),
                webhooks.get("max_body_bytes").renamed("webhooks.max_body_bytes").integer(1024, 16 << 20,
                        WebhookConfig.DEFAULTS.maxBodyBytes()));
    }

    /** Secrets in a list; empty items (an unset {@code ${VAR:-}}) are dropped so a rotation slot can stay empty. */
    private static List<String> secrets(YamlValue value) {
        List<String> secrets = new ArrayList<>();
        for (YamlValue item : value.list()) {
            String text = item.string();
            if (text == null || text.isEmpty()) {
                continue;
            }
            if (text.length() < MIN_CLICK_ID_KEY_CHARS) {
                item.error(value.name() + ": a secret needs at least " + MIN_CLICK_ID_KEY_CHARS + " characters");
                continue;
            }
            secrets.add(text);
        }
        if (secrets.size() > 2) {
            value.error(value.name() + ": at most two secrets (the new and the old one during a rotation)");
        }
        return List.copyOf(secrets);
    }

    private static HostPort address(YamlValue value, HostPort fallback) {
        String text = value.string();
        if (text == null) {
            return fallback;
        }
        try {
            return ListenAddresses.parse(text.trim());
        } catch (IllegalArgumentException e) {
            value.error(value.name() + " " + e.getMessage());
            return fallback;
        }
    }

    private static Limits limits(YamlValue value) {
        Limits defaults = Limits.DEFAULTS;
        YamlMap limits = value.map("in limits", LIMIT_KEYS);
        return new Limits(
                limits.get("max_request_line_bytes").integer(256, 65536, defaults.maxRequestLineBytes()),
                limits.get("max_header_bytes").integer(1024, 1048576, defaults.maxHeaderBytes()),
                limits.get("header_timeout").durationMs(100, TEN_MINUTES_MS, defaults.headerTimeoutMs()),
                limits.get("idle_timeout").durationMs(1_000, ONE_HOUR_MS, defaults.idleTimeoutMs()));
    }

    private static JournalConfig journal(YamlValue value) {
        JournalConfig defaults = JournalConfig.DEFAULTS;
        YamlMap journal = value.map("in journal", JOURNAL_KEYS);
        YamlValue ringValue = journal.get("ring_size");
        int ringSize = ringValue.integer(1024, 1 << 24, defaults.ringSize());
        if (Integer.bitCount(ringSize) != 1) {
            ringValue.error("ring_size must be a power of two (got " + ringSize + ")");
        }
        return new JournalConfig(
                ringSize,
                journal.get("segment_bytes").integer(1 << 20, Integer.MAX_VALUE, (int) defaults.segmentBytes()),
                choice(journal.get("fsync"), JournalConfig.Fsync.class, defaults.fsync()),
                journal.get("fsync_interval").durationMs(1, 60_000, defaults.fsyncIntervalMs()),
                choice(journal.get("ip_privacy"), JournalConfig.IpPrivacy.class, defaults.ipPrivacy()));
    }

    /** CIDRs or single addresses, each error at its own item. */
    private static CidrSet trustedProxies(YamlValue value) {
        List<Cidr> networks = new ArrayList<>();
        for (Located<String> item : value.strings()) {
            try {
                networks.add(Cidr.parse(item.value()));
            } catch (IllegalArgumentException e) {
                value.file().error(item.at(), "trusted_proxies: " + e.getMessage());
            }
        }
        return CidrSet.of(networks);
    }

    private static VisitorConfig visitors(YamlValue value) {
        VisitorConfig defaults = VisitorConfig.DEFAULTS;
        YamlMap visitors = value.map("in visitors", VISITOR_KEYS);
        String cookie = visitors.optionalString("cookie");
        if (cookie == null) {
            cookie = defaults.cookieName();
        } else if (!COOKIE_NAME.matcher(cookie).matches()) {
            visitors.get("cookie").error("cookie must be 1 to 64 of A-Z a-z 0-9 _ . - (got " + Messages.quote(cookie)
                    + ")");
            cookie = defaults.cookieName();
        }
        boolean secure = visitors.get("secure").bool(defaults.secure());
        if (!secure && (cookie.startsWith("__Host-") || cookie.startsWith("__Secure-"))) {
            visitors.get("cookie").error("a cookie named " + cookie.substring(0, cookie.indexOf('-') + 1)
                    + "... is refused by browsers without secure: true");
        }
        return new VisitorConfig(
                visitors.get("set_cookie").bool(defaults.setCookie()),
                cookie,
                visitors.get("max_age").durationMs(60_000, 400 * ONE_DAY_MS, defaults.maxAgeMs()),
                secure,
                visitors.get("unique_window").durationMs(60_000, 366 * ONE_DAY_MS, defaults.uniqueWindowMs()),
                visitors.get("unique_capacity").integer(VisitorConfig.MIN_UNIQUE_CAPACITY,
                        VisitorConfig.MAX_UNIQUE_CAPACITY,
                        defaults.uniqueCapacity()));
    }

    /** A fraction such as 0.25 (a node's share of each cap when several nodes serve the same offers). */
    private static double capsShare(YamlValue value) {
        String text = value.string();
        if (text == null) {
            return 1.0;
        }
        try {
            double share = Double.parseDouble(text.trim());
            if (share > 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        value.error("caps_share must be a fraction more than 0 and at most 1, such as 0.25 (got "
                + Messages.quote(text) + ")");
        return 1.0;
    }

    private static <E extends Enum<E>> E choice(YamlValue value, Class<E> type, E fallback) {
        String text = value.string();
        if (text == null) {
            return fallback;
        }
        for (E option : type.getEnumConstants()) {
            if (option.name().equalsIgnoreCase(text.trim())) {
                return option;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E option : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(option.name().toLowerCase(java.util.Locale.ROOT));
        }
        value.error(value.name() + " must be one of " + allowed + " (got '" + text + "')");
        return fallback;
    }

    /** The secret from the config or a file; null means "generate one into the data dir". */
    private static String clickIdKey(YamlMap server) {
        String key = server.optionalString("click_id_key");
        String keyFile = server.optionalString("click_id_key_file");
        if (key != null && keyFile != null) {
            server.get("click_id_key_file").error("give click_id_key or click_id_key_file, not both");
            return null;
        }
        if (keyFile != null) {
            return readKeyFile(server.get("click_id_key_file"), keyFile);
        }
        if (key != null && key.length() < MIN_CLICK_ID_KEY_CHARS) {
            // The length only: the value is a secret.
            server.get("click_id_key").error("click_id_key must be at least " + MIN_CLICK_ID_KEY_CHARS
                    + " characters (got " + key.length() + ")");
            return null;
        }
        return key;
    }

    private static String readKeyFile(YamlValue value, String pathText) {
        String cannotRead = "click_id_key_file: cannot read " + Messages.quote(pathText) + ": ";
        byte[] bytes;
        try {
            Path path = value.file().configDir().resolve(pathText);
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
            }
        } catch (InvalidPathException e) {
            value.error(cannotRead + "invalid path");
            return null;
        } catch (IOException e) {
            value.error(cannotRead + IoMessages.describe(e));
            return null;
        }
        if (bytes.length > MAX_KEY_FILE_BYTES) {
            value.error("click_id_key_file: " + Messages.quote(pathText) + " is larger than 64 KiB; expected one key");
            return null;
        }
        String key = new String(bytes, StandardCharsets.UTF_8).trim();
        if (key.length() < MIN_CLICK_ID_KEY_CHARS) {
            value.error("click_id_key_file: the key in " + Messages.quote(pathText) + " must be at least "
                    + MIN_CLICK_ID_KEY_CHARS + " characters (got " + key.length() + ")");
            return null;
        }
        return key;
    }
}
