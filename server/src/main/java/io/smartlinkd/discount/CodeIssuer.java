package io.smartlinkd.discount;

import io.smartlinkd.link.ByteRecord;

/**
 * Hands a click its code, on the event loop: the code this visitor already holds on this link if it is still
 * valid, else a fresh one from the pool, stored before the redirect leaves. One per event loop; allocation-free.
 */
public final class CodeIssuer {
    private final ByteRecord key = new ByteRecord(8);
    private final ByteRecord code = new ByteRecord(CodeFormat.MAX_CODE_CHARS);
    private final ByteRecord record = new ByteRecord(IssuedCodeFormat.STRINGS + 200);
    private final ByteRecord scratch = new ByteRecord(IssuedCodeFormat.STRINGS + 200);
    private static final int MAX_ATTEMPTS = 3;
    private boolean reused;

    /**
     * Issues a code of {@code discount} for this click; false when the pool was empty (the click goes on without
     * one). The code is then in {@link #code()}.
     *
     * @param visitor keyed hash of the visitor and link (see {@code Visitor#linkKey}); 0 = no identity to reuse by
     */
    public boolean issue(Discount discount, IssuedCodes store, long visitor, long nowMs, byte[] clickId,
                         int clickIdLength, byte[] link, int linkOffset, int linkLength, byte[] partner) {
        return issue(discount, store, visitor, false, nowMs, clickId, clickIdLength, link, linkOffset, linkLength,
                partner);
    }

    /**
     * Like {@link #issue(Discount, IssuedCodes, long, long, byte[], int, byte[], int, int, byte[])}, for a visitor
     * known to hold no code yet when {@code newVisitor}: one whose id was minted for this very click
     * ({@code Visitor#newId}), so the store is not asked for the code it holds (a Chronicle Map lookup that could
     * only miss).
     */
    public boolean issue(Discount discount, IssuedCodes store, long visitor, boolean newVisitor, long nowMs,
                         byte[] clickId, int clickIdLength, byte[] link, int linkOffset, int linkLength,
                         byte[] partner) {
        long visitorKey = visitor == 0 ? 0 : visitor ^ discount.visitorSalt();
        if (visitorKey != 0 && !newVisitor && store.findForVisitor(visitorKey, nowMs, key, code, record)) {
            reused = true;
            return true;
        }
        reused = false;
        CodePool pool = discount.pool();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            PooledCode fresh = pool == null ? null : pool.take();
            if (fresh == null) {
                code.clear();
                return false;
            }
            boolean stored = store(fresh, discount, store, visitorKey, nowMs, clickId, clickIdLength, link,
                    linkOffset, linkLength, partner);
            pool.recycle(fresh);
            if (stored) {
                return true;
            }
        }
        code.clear();
        return false;
    }

    private boolean store(PooledCode fresh, Discount discount, IssuedCodes store, long visitorKey, long nowMs,
                          byte[] clickId, int clickIdLength, byte[] link, int linkOffset, int linkLength,
                          byte[] partner) {
        code.clear();
        fresh.appendTo(code);
        IssuedCodeFormat.begin(record, CodeState.ISSUED, nowMs, nowMs + discount.validityMs(), visitorKey,
                fresh.storeId(),
                clickId, clickIdLength);
        byte[] id = discount.idBytes();
        IssuedCodeFormat.string(record, id, 0, id.length);
        IssuedCodeFormat.string(record, link, linkOffset, linkLength);
        if (partner != null) {
            IssuedCodeFormat.string(record, partner, 0, partner.length);
        } else {
            IssuedCodeFormat.string(record, link, 0, 0);
        }
        IssuedCodeFormat.string(record, link, 0, 0);
        return store.issue(code, record, visitorKey, key, scratch);
    }

    /** The code of the last successful {@link #issue}. */
    public ByteRecord code() {
        return code;
    }

    /** The last issue returned a code the visitor already held. */
    public boolean reused() {
        return reused;
    }
}
