package io.smartlinkd.http;

import static io.smartlinkd.text.CharScan.indexOf;

import io.netty.buffer.ByteBuf;
import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.link.Domain;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.link.Macro;
import io.smartlinkd.link.MacroValues;
import io.smartlinkd.link.Partner;
import io.smartlinkd.link.PercentEncoder;
import io.smartlinkd.link.UtmKey;
import io.smartlinkd.routing.RouteDecision;
import io.smartlinkd.routing.SkipReason;

/**
 * The macro values of the click being answered, read straight from the request URI and the link record without
 * copying. Re-pointed per request; confined to its event loop.
 */
final class RequestMacros implements MacroValues {
    private CharSequence uri;
    private int queryStart;
    private int queryEnd;
    private int slugStart;
    private int slugEnd;
    private Domain domain;
    private Partner partner;
    private LinkView link;
    private byte[] clickId;
    private int clickIdLength;
    private int rejectedPartnerStart;
    private int rejectedPartnerEnd;
    private byte[] offerId;
    private int offerNumber;
    private int ruleNumber;
    private VisitClassification visit;
    /** This request's routing decision; null when its link has no rules. */
    private RouteDecision routed;
    /** The discount code handed to this click; null when none. */
    private io.smartlinkd.link.ByteRecord code;
    private byte[] landingProgram;
    private int landingOffset;
    private int landingLength;
    // Scratch for rendering the landing; constructed directly (not from an allocator) as it is never released.
    private final ByteBuf landing = new io.netty.buffer.UnpooledHeapByteBuf(
            io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 1024, Integer.MAX_VALUE);

    void set(CharSequence uri, int queryStart, int queryEnd, int slugStart, int slugEnd, Domain domain) {
        this.uri = uri;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.slugStart = slugStart;
        this.slugEnd = slugEnd;
        this.domain = domain;
        this.partner = null;
        this.link = null;
        this.clickIdLength = 0;
        this.rejectedPartnerStart = 0;
        this.rejectedPartnerEnd = 0;
        this.offerId = null;
        this.offerNumber = 0;
        this.ruleNumber = 0;
        this.routed = null;
        this.code = null;
        this.landingProgram = null;
    }

    /** The click carries this code; {@code {landing}} renders the destination program given here. */
    void code(io.smartlinkd.link.ByteRecord issued, byte[] program, int offset, int length) {
        code = issued;
        landingProgram = program;
        landingOffset = offset;
        landingLength = length;
    }

    /** The routing decision: its offer for {@code {offer}}, the click id and the record; its rule for the record. */
    void route(RouteDecision decision) {
        offerId = decision.offerId();
        offerNumber = decision.offerNumber();
        ruleNumber = decision.ruleNumber();
        routed = decision;
    }

    int offerNumber() {
        return offerNumber;
    }

    LinkView link() {
        return link;
    }

    /** A partner segment that was not admitted: journaled as requested, never substituted. */
    void rejectedPartner(int start, int end) {
        rejectedPartnerStart = start;
        rejectedPartnerEnd = end;
    }

    /** The visitor classification of this request, for the country, device, OS and browser macros. */
    void visit(VisitClassification visit) {
        this.visit = visit;
    }

    void link(LinkView link) {
        this.link = link;
    }

    void partner(Partner partner) {
        this.partner = partner;
    }

    Partner partner() {
        return partner;
    }

    void clickId(byte[] clickId, int length) {
        this.clickId = clickId;
        this.clickIdLength = length;
    }

    /** Fills the click record's outcome, ids and short strings from this request. */
    void describe(ClickDraft draft, ClickOutcome outcome, int status) {
        draft.outcome(outcome.recorded(), status);
        if (clickIdLength > 0) {
            draft.clickId(clickId, 0);
        }
        if (link != null) {
            draft.linkNumber(link.linkNumber());
        }
        draft.offerNumber(offerNumber).ruleNumber(ruleNumber);
        if (domain != null) {
            draft.string(domain.hostBytes(), 0, domain.hostBytes().length);
        } else {
            draft.emptyString();
        }
        if (link != null) {
            draft.string(link.bytes(), link.linkIdOffset(), link.linkIdLength());
        } else {
            draft.emptyString();
        }
        draft.string(uri, slugStart, slugEnd);
        if (partner != null) {
            draft.string(partner.idBytes(), 0, partner.idBytes().length);
        } else {
            draft.string(uri, rejectedPartnerStart, rejectedPartnerEnd);
        }
        if (code != null) {
            draft.string(code.bytes(), 0, code.length());
        } else {
            draft.emptyString();
        }
        findRecordedParameters();
        for (int i = 0; i < RECORDED_PARAMETERS.length; i++) {
            decodeQueryValue(recordedStarts[i], recordedEnds[i], draft);
        }
        describeDecision(draft);
    }

    /** The offers routing passed over and why, in the compact form of {@link ClickLayout#DECISION}. */
    private void describeDecision(ClickDraft draft) {
        RouteDecision decision = routed;
        if (decision == null || (decision.skipCount() == 0 && !decision.fallback())) {
            draft.emptyString();
            return;
        }
        draft.startString();
        for (int i = 0; i < decision.skipCount(); i++) {
            if (i > 0) {
                draft.stringByte(',');
            }
            writeDecimal(decision.skippedOffer(i), draft);
            draft.stringByte(REASON_LETTERS[decision.skipReason(i).ordinal()]);
        }
        if (decision.skipsDropped() > 0) {
            draft.stringByte('+');
            writeDecimal(decision.skipsDropped(), draft);
        }
        if (decision.fallback()) {
            draft.stringByte(';');
            draft.stringByte('f');
        }
        draft.endString();
    }

    private static void writeDecimal(int value, ClickDraft draft) {
        int divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            draft.stringByte('0' + (value / divisor) % 10);
        }
    }

    /** By {@link SkipReason} ordinal: inactive, targeting, cap, bot. */
    private static final byte[] REASON_LETTERS = {'i', 't', 'c', 'b'};

    private static final byte[][] RECORDED_PARAMETERS = {
        ascii("utm_source"), ascii("sub1"), ascii("sub2"), ascii("sub3"), ascii("sub4"), ascii("sub5")};
    /** Scratch of {@link #findRecordedParameters}, by {@link #RECORDED_PARAMETERS} index. */
    private final int[] recordedStarts = new int[RECORDED_PARAMETERS.length];
    private final int[] recordedEnds = new int[RECORDED_PARAMETERS.length];

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Finds the first pair of each recorded parameter in one pass over the query: {@code recordedStarts[i]} is
     * where its value starts and {@code recordedEnds[i]} where its pair ends (no {@code =}: the start is past the
     * end), or both -1 when the query has none.
     */
    private void findRecordedParameters() {
        java.util.Arrays.fill(recordedStarts, -1);
        java.util.Arrays.fill(recordedEnds, -1);
        int missing = RECORDED_PARAMETERS.length;
        int at = queryStart;
        while (at < queryEnd && missing > 0) {
            int pairEnd = indexOf(uri, '&', at, queryEnd);
            int nameEnd = indexOf(uri, '=', at, pairEnd);
            for (int i = 0; i < RECORDED_PARAMETERS.length; i++) {
                byte[] name = RECORDED_PARAMETERS[i];
                if (recordedStarts[i] < 0 && nameEquals(at, nameEnd, name, 0, name.length)) {
                    recordedStarts[i] = nameEnd + 1;
                    recordedEnds[i] = pairEnd;
                    missing--;
                    break;
                }
            }
            at = pairEnd + 1;
        }
    }

    /** Writes the percent-decoded value {@code uri[start, end)} as the next string (empty when start is -1). */
    private void decodeQueryValue(int start, int end, ClickDraft draft) {
        draft.startString();
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < end
                    && PercentEncoder.hexValue(uri.charAt(i + 1)) >= 0
                    && PercentEncoder.hexValue(uri.charAt(i + 2)) >= 0) {
                draft.stringByte((PercentEncoder.hexValue(uri.charAt(i + 1)) << 4)
                        | PercentEncoder.hexValue(uri.charAt(i + 2)));
                i += 2;
            } else {
                draft.stringByte(c == '+' ? ' ' : c);
            }
        }
        draft.endString();
    }

    @Override
    public void writeMacro(Macro macro, ByteBuf out) {
        switch (macro) {
            case CLICK_ID:
                PercentEncoder.encode(clickId, 0, clickIdLength, out);
                break;
            case LINK:
                if (link != null) {
                    PercentEncoder.encode(link.bytes(), link.linkIdOffset(), link.linkIdLength(), out);
                }
                break;
            case SLUG:
                for (int i = slugStart; i < slugEnd; i++) {
                    PercentEncoder.encodeByte(uri.charAt(i), out);
                }
                break;
            case PARTNER:
                if (partner != null) {
                    PercentEncoder.encode(partner.idBytes(), 0, partner.idBytes().length, out);
                }
                break;
            case PARTNER_GROUP:
                if (partner != null && partner.groupBytes() != null) {
                    PercentEncoder.encode(partner.groupBytes(), 0, partner.groupBytes().length, out);
                }
                break;
            case DOMAIN:
                if (domain != null) {
                    PercentEncoder.encode(domain.hostBytes(), 0, domain.hostBytes().length, out);
                }
                break;
            case OFFER:
                if (offerId != null) {
                    PercentEncoder.encode(offerId, 0, offerId.length, out);
                }
                break;
            case COUNTRY:
                if (visit != null && visit.country() != 0) {
                    out.writeByte(visit.country() >>> 8);
                    out.writeByte(visit.country() & 0xff);
                }
                break;
            case DEVICE:
                if (visit != null) {
                    writeName(FamilyNames.device(visit.device()), out);
                }
                break;
            case OS:
                if (visit != null) {
                    writeName(FamilyNames.os(visit.os()), out);
                }
                break;
            case BROWSER:
                if (visit != null) {
                    writeName(FamilyNames.browser(visit.browser()), out);
                }
                break;
            case CODE:
                if (code != null) {
                    PercentEncoder.encode(code.bytes(), 0, code.length(), out);
                }
                break;
            case LANDING:
                writeLanding(out);
                break;
            default:
                break;
        }
    }

    /** The destination's path, query and fragment (everything after the host), encoded as one query value. */
    private void writeLanding(ByteBuf out) {
        if (landingProgram == null) {
            PercentEncoder.encodeByte('/', out);
            return;
        }
        landing.clear();
        io.smartlinkd.link.TemplateRenderer.render(landingProgram, landingOffset, landingLength, this, landing);
        int end = landing.writerIndex();
        // Rendered destinations are absolute (checked at compile): skip "scheme://host[:port]".
        int at = landing.indexOf(landing.readerIndex(), end, (byte) ':') + 3;
        while (at < end && landing.getByte(at) != '/' && landing.getByte(at) != '?' && landing.getByte(at) != '#') {
            at++;
        }
        if (at >= end || landing.getByte(at) != '/') {
            PercentEncoder.encodeByte('/', out);
        }
        for (; at < end; at++) {
            PercentEncoder.encodeByte(landing.getByte(at) & 0xFF, out);
        }
    }

    private static void writeName(byte[] name, ByteBuf out) {
        if (name != null) {
            PercentEncoder.encode(name, 0, name.length, out);
        }
    }

    @Override
    public void writeQueryParameter(byte[] program, int offset, int length, ByteBuf out) {
        int at = queryStart;
        while (at < queryEnd) {
            int pairEnd = indexOf(uri, '&', at, queryEnd);
            int nameEnd = indexOf(uri, '=', at, pairEnd);
            if (nameEquals(at, nameEnd, program, offset, length)) {
                if (nameEnd < pairEnd) {
                    PercentEncoder.reencodeQueryValue(uri, nameEnd + 1, pairEnd, out);
                }
                return;
            }
            at = pairEnd + 1;
        }
    }

    @Override
    public byte[] partnerUtm(UtmKey key) {
        return partner == null ? null : partner.utmPairs()[key.ordinal()];
    }

    private boolean nameEquals(int start, int end, byte[] name, int offset, int length) {
        if (end - start != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (uri.charAt(start + i) != name[offset + i]) {
                return false;
            }
        }
        return true;
    }

}
