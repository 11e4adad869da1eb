package io.smartlinkd.routing;

/**
 * The compiled rules of a link (shared by links whose rules compile identically), the clock of their time zone and
 * the answer for lost clicks. Immutable.
 */
final class RuleSet {
    final Rule[] rules;
    final ZoneClock zone;
    /** The on_lost URL program; null when lost clicks get {@link #lostStatus}. */
    final byte[] lostProgram;
    final String lostUrl;
    /** 404, 410 or 503; 0 when lost clicks are redirected. */
    final int lostStatus;

    RuleSet(Rule[] rules, ZoneClock zone, byte[] lostProgram, String lostUrl, int lostStatus) {
        this.rules = rules;
        this.zone = zone;
        this.lostProgram = lostProgram;
        this.lostUrl = lostUrl;
        this.lostStatus = lostStatus;
    }
}
