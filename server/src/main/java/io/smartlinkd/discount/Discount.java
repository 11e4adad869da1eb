package io.smartlinkd.discount;

import io.smartlinkd.config.DiscountConfig;
import java.nio.charset.StandardCharsets;

/**
 * A discount as one config generation's clicks use it: the compiled coded redirect, the optional pool-empty
 * destination, and the live pool of ready codes (shared by every generation that has this discount id).
 */
public final class Discount {
    private final int number;
    private final DiscountConfig config;
    private final byte[] idBytes;
    private final byte[] location;
    private final byte[] whenEmpty;
    private final long visitorSalt;
    private volatile CodePool pool;

    public Discount(int number, DiscountConfig config, byte[] location, byte[] whenEmpty) {
        this.number = number;
        this.config = config;
        this.idBytes = config.id().getBytes(StandardCharsets.US_ASCII);
        this.location = location;
        this.whenEmpty = whenEmpty;
        long salt = 0x9E3779B97F4A7C15L;
        for (byte b : idBytes) {
            salt = (salt ^ b) * 0x100000001B3L;
        }
        this.visitorSalt = salt;
    }

    public int number() {
        return number;
    }

    public String id() {
        return config.id();
    }

    public byte[] idBytes() {
        return idBytes;
    }

    public DiscountConfig config() {
        return config;
    }

    public long validityMs() {
        return config.validityMs();
    }

    /** Template program of the coded redirect ({@code {code}}, {@code {landing}}). */
    public byte[] location() {
        return location;
    }

    /** Template program for a coded click that found the pool empty; null = its destination without a code. */
    public byte[] whenEmpty() {
        return whenEmpty;
    }

    /** Mixed into a visitor's key so the same visitor on the same link keeps one code per discount. */
    public long visitorSalt() {
        return visitorSalt;
    }

    /** The pool; null until the discount service has attached it (never on a live generation). */
    public CodePool pool() {
        return pool;
    }

    public void attach(CodePool pool) {
        this.pool = pool;
    }
}
