package io.smartlinkd.visitor;

import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.VisitorConfig;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * What all event loops share about visitors: the cookie codec and its pre-encoded {@code Set-Cookie} parts, the
 * keys, and the {@link UniqueClickTable}. Built once per server start from {@link VisitorConfig}.
 *
 * <p>Keys are derived from the click-id key ({@link ClickIdKey#derive}), so every node that shares
 * {@code click_id_key} also accepts every other node's cookies and no second secret has to be distributed; a
 * generated click-id key (kept in the data dir) gives a per-node cookie key that survives restarts.
 *
 * <p>Immutable apart from the table; thread-safe.
 */
public final class VisitorTracking {
    private final VisitorConfig config;
    private final VisitorCookie cookie;
    private final UniqueClickTable uniques;
    private final long idK0;
    private final long idK1;
    private final long uniqueK0;
    private final long uniqueK1;
    private final byte[] cookieName;
    private final byte[] setCookiePrefix;
    private final byte[] setCookieSuffix;
    private final SecureRandom seeds = new SecureRandom();

    public VisitorTracking(VisitorConfig config, ClickIdKey key, long nowMs) {
        this.config = config;
        this.cookie = new VisitorCookie(key.derive("smartlinkd visitor cookie mac 0"),
                key.derive("smartlinkd visitor cookie mac 1"));
        this.idK0 = key.derive("smartlinkd visitor id 0");
        this.idK1 = key.derive("smartlinkd visitor id 1");
        this.uniqueK0 = key.derive("smartlinkd unique click 0");
        this.uniqueK1 = key.derive("smartlinkd unique click 1");
        this.uniques = new UniqueClickTable(config.uniqueCapacity(), config.uniqueWindowMs(), nowMs);
        this.cookieName = config.cookieName().getBytes(StandardCharsets.US_ASCII);
        this.setCookiePrefix = ("Set-Cookie: " + config.cookieName() + "=").getBytes(StandardCharsets.US_ASCII);
        this.setCookieSuffix = ("; Path=/; Max-Age=" + config.maxAgeMs() / 1000 + "; HttpOnly; SameSite=Lax"
                + (config.secure() ? "; Secure" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A workspace for one event loop; its id generator gets a fresh random seed. */
    public Visitor newVisitor() {
        return new Visitor(this, new VisitorIds(idK0, idK1, seeds.nextLong()));
    }

    public VisitorConfig config() {
        return config;
    }

    public UniqueClickTable uniques() {
        return uniques;
    }

    VisitorCookie cookie() {
        return cookie;
    }

    boolean setCookie() {
        return config.setCookie();
    }

    byte[] cookieName() {
        return cookieName;
    }

    byte[] setCookiePrefix() {
        return setCookiePrefix;
    }

    byte[] setCookieSuffix() {
        return setCookieSuffix;
    }

    long uniqueK0() {
        return uniqueK0;
    }

    long uniqueK1() {
        return uniqueK1;
    }
}
