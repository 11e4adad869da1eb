package io.smartlinkd.http;

import io.netty.buffer.ByteBuf;
import io.smartlinkd.link.Domain;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.link.Macro;
import io.smartlinkd.link.MacroValues;
import io.smartlinkd.link.Partner;
import io.smartlinkd.link.PercentEncoder;
import io.smartlinkd.link.UtmKey;

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
    }

    void link(LinkView link) {
        this.link = link;
    }

    void partner(Partner partner) {
        this.partner = partner;
    }

    void clickId(byte[] clickId, int length) {
        this.clickId = clickId;
        this.clickIdLength = length;
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
            default:
                break;
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

    static int indexOf(CharSequence text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }
}
