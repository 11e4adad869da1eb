package io.smartlinkd.discount;

import io.smartlinkd.link.ByteRecord;
import io.smartlinkd.link.ByteRecordMarshaller;
import io.smartlinkd.store.PersistedMaps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Every code this node made, persisted in Chronicle Map files under {@code DATA/discounts/}: code → {@link
 * IssuedCodeFormat} record, and (visitor, link) → the code issued there, so a visitor who clicks again within the
 * validity gets the same code. Survives restarts; safe for many threads.
 *
 * <p>Event loops only read and put with their own reused records ({@link #findForVisitor}, {@link #issue}). The one
 * state change that matters, issued → redeemed, is a compare-and-replace of the whole record ({@link #redeem}), so
 * of any number of concurrent orders exactly one wins.
 */
public final class IssuedCodes implements AutoCloseable {
    private static final int VISITOR_KEY_BYTES = 8;
    private static final String CODES_FILE = "issued-codes.cm3";
    private static final String VISITORS_FILE = "visitor-codes.cm3";

    private final ChronicleMap<ByteRecord, ByteRecord> codes;
    private final ChronicleMap<ByteRecord, ByteRecord> visitors;
    private final Path dir;

    private IssuedCodes(ChronicleMap<ByteRecord, ByteRecord> codes, ChronicleMap<ByteRecord, ByteRecord> visitors,
                        Path dir) {
        this.codes = codes;
        this.visitors = visitors;
        this.dir = dir;
    }

    /** Opens (or creates) the store in {@code dir}, sized for {@code capacity} codes alive at once. */
    public static IssuedCodes open(Path dir, long capacity) throws IOException {
        Files.createDirectories(dir);
        ChronicleMap<ByteRecord, ByteRecord> codes = PersistedMaps.open(builder("issued-codes", capacity, 16, 120),
                dir.resolve(CODES_FILE));
        ChronicleMap<ByteRecord, ByteRecord> visitors = PersistedMaps.open(
                builder("visitor-codes", capacity, VISITOR_KEY_BYTES, 16), dir.resolve(VISITORS_FILE));
        return new IssuedCodes(codes, visitors, dir);
    }

    private static ChronicleMapBuilder<ByteRecord, ByteRecord> builder(String name, long capacity, double keySize,
                                                                       double valueSize) {
        return ChronicleMapBuilder.of(ByteRecord.class, ByteRecord.class)
                .name(name)
                .keyMarshallers(ByteRecordMarshaller.INSTANCE, ByteRecordMarshaller.INSTANCE)
                .valueMarshallers(ByteRecordMarshaller.INSTANCE, ByteRecordMarshaller.INSTANCE)
                .entries(Math.max(1024, capacity))
                .maxBloatFactor(4)
                .averageKeySize(keySize)
                .averageValueSize(valueSize);
    }

    /**
     * The code this visitor was issued on this link, still issued and valid, into {@code code}; false if none.
     * Event loop: allocation-free with the caller's records.
     */
    public boolean findForVisitor(long visitorKey, long nowMs, ByteRecord key, ByteRecord code, ByteRecord record) {
        visitorKey(key, visitorKey);
        if (visitors.getUsing(key, code) == null) {
            return false;
        }
        if (codes.getUsing(code, record) == null) {
            return false;
        }
        return IssuedCodeFormat.state(record) == CodeState.ISSUED.code()
                && IssuedCodeFormat.expiresMs(record) > nowMs
                && IssuedCodeFormat.visitorKey(record) == visitorKey;
    }

    /**
     * Stores a code handed to a click ({@code record} from {@link IssuedCodeFormat#begin}); false, storing nothing,
     * when the code is already bound to a click (a repeat of a code still sitting in a pool: practically never with
     * 40+ random bits, but then the caller takes another code rather than re-bind this one). Event loop;
     * {@code scratch} receives the existing record, if any.
     */
    public boolean issue(ByteRecord code, ByteRecord record, long visitorKey, ByteRecord key, ByteRecord scratch) {
        try (ExternalMapQueryContext<ByteRecord, ByteRecord, ?> query = codes.queryContext(code)) {
            query.updateLock().lock();
            MapEntry<ByteRecord, ByteRecord> entry = query.entry();
            if (entry == null) {
                query.insert(query.absentEntry(), query.wrapValueAsData(record));
            } else if (IssuedCodeFormat.state(entry.value().getUsing(scratch)) == CodeState.POOLED.code()) {
                query.replaceValue(entry, query.wrapValueAsData(record));
            } else {
                return false;
            }
        }
        if (visitorKey != 0) {
            visitorKey(key, visitorKey);
            write(visitors, key, code);
        }
        return true;
    }

    /**
     * Puts without reading the old value back: {@code Map.put} would deserialize the replaced record (here, the
     * pooled one) into a new object on every coded click. The query context is the map's reused, per-thread one.
     */
    private static void write(ChronicleMap<ByteRecord, ByteRecord> map, ByteRecord key, ByteRecord value) {
        try (ExternalMapQueryContext<ByteRecord, ByteRecord, ?> query = map.queryContext(key)) {
            query.updateLock().lock();
            MapEntry<ByteRecord, ByteRecord> entry = query.entry();
            if (entry != null) {
                query.replaceValue(entry, query.wrapValueAsData(value));
            } else {
                query.insert(query.absentEntry(), query.wrapValueAsData(value));
            }
        }
    }

    /** Records a code made for a pool, so it can be retired at the store if it is never handed out. */
    public void pooled(byte[] code, long storeId, String discountId, long nowMs) {
        ByteRecord record = new ByteRecord(IssuedCodeFormat.STRINGS + 32);
        IssuedCodeFormat.begin(record, CodeState.POOLED, nowMs, 0, 0, storeId, null, 0);
        IssuedCodeFormat.string(record, discountId);
        IssuedCodeFormat.string(record, "");
        IssuedCodeFormat.string(record, "");
        IssuedCodeFormat.string(record, "");
        codes.put(ByteRecord.copyOf(code), record);
    }

    public boolean contains(String code) {
        return codes.containsKey(key(code));
    }

    /** Whether the code in {@code code} (ASCII bytes) is here; {@code key} is the caller's reused record. */
    public boolean contains(byte[] code, ByteRecord key) {
        key.clear();
        key.append(code, 0, code.length);
        return codes.containsKey(key);
    }

    /** The code's record, or null. */
    public IssuedCode find(String code) {
        ByteRecord record = codes.get(key(code));
        return record == null ? null : IssuedCodeFormat.decode(code, record);
    }

    /**
     * Redeems {@code code} for {@code orderId}: exactly one order ever wins a code, also when many try at once; the
     * same order asking again is told {@link Redemption.Outcome#REPEATED}.
     */
    public Redemption redeem(String code, String orderId, long nowMs) {
        ByteRecord key = key(code);
        while (true) {
            ByteRecord current = codes.get(key);
            if (current == null) {
                return new Redemption(Redemption.Outcome.UNKNOWN, null);
            }
            IssuedCode decoded = IssuedCodeFormat.decode(code, current);
            switch (decoded.state()) {
                case POOLED:
                    return new Redemption(Redemption.Outcome.UNKNOWN, decoded);
                case REDEEMED:
                    return new Redemption(orderId.equals(decoded.orderId())
                            ? Redemption.Outcome.REPEATED : Redemption.Outcome.USED, decoded);
                default:
                    break;
            }
            if (decoded.expiredAt(nowMs)) {
                return new Redemption(Redemption.Outcome.EXPIRED, decoded);
            }
            ByteRecord redeemed = IssuedCodeFormat.redeemed(current, orderId, nowMs);
            if (codes.replace(key, current, redeemed)) {
                return new Redemption(Redemption.Outcome.REDEEMED,
                        IssuedCodeFormat.decode(code, redeemed));
            }
            // Another thread changed the record between our read and replace: read it again.
        }
    }

    /** Removes every pooled code (made by an earlier run, never handed out) and returns them. Call at start. */
    public List<IssuedCode> retirePooled() {
        List<IssuedCode> retired = new ArrayList<>();
        removeIf(value -> IssuedCodeFormat.state(value) == CodeState.POOLED.code(), code -> true, retired);
        return retired;
    }

    /** Removes issued codes that expired more than their discount's grace ago, and returns them. */
    public List<IssuedCode> purgeExpired(long nowMs, java.util.function.ToLongFunction<String> graceOfDiscount) {
        return purgeExpired(nowMs, graceOfDiscount, 0);
    }

    /**
     * Like {@link #purgeExpired(long, java.util.function.ToLongFunction)}, given that no discount's grace is shorter
     * than {@code shortestGraceMs}: the scan then decodes only codes that may be due, not the days of codes still
     * within their grace (a map of millions is scanned every purge interval).
     */
    public List<IssuedCode> purgeExpired(long nowMs, java.util.function.ToLongFunction<String> graceOfDiscount,
                                         long shortestGraceMs) {
        List<IssuedCode> purged = new ArrayList<>();
        long dueBy = nowMs - shortestGraceMs;
        removeIf(value -> IssuedCodeFormat.state(value) == CodeState.ISSUED.code()
                        && IssuedCodeFormat.expiresMs(value) <= dueBy,
                code -> code.expiresMs() + graceOfDiscount.applyAsLong(code.discountId()) <= nowMs, purged);
        return purged;
    }

    /** Removes the codes whose raw record passes {@code candidate} and whose decoded form passes {@code test}. */
    private void removeIf(java.util.function.Predicate<ByteRecord> candidate,
                          java.util.function.Predicate<IssuedCode> test, List<IssuedCode> removed) {
        List<ByteRecord> keys = new ArrayList<>();
        codes.forEach((key, value) -> {
            if (!candidate.test(value)) {
                return;
            }
            IssuedCode code = IssuedCodeFormat.decode(new String(key.bytes(), 0, key.length(),
                    StandardCharsets.US_ASCII), value);
            if (test.test(code)) {
                keys.add(ByteRecord.copyOf(key.toByteArray()));
                removed.add(code);
            }
        });
        ByteRecord visitorKey = new ByteRecord(VISITOR_KEY_BYTES);
        for (int i = 0; i < keys.size(); i++) {
            ByteRecord key = keys.get(i);
            IssuedCode code = removed.get(i);
            codes.remove(key);
            if (code.visitorKey() != 0) {
                visitorKey(visitorKey, code.visitorKey());
                visitors.remove(visitorKey, key);
            }
        }
    }

    /** Forgets a code (a ready code of a pool that was dropped). */
    public void remove(String code) {
        codes.remove(key(code));
    }

    /** Codes in the store, in any state. */
    public long size() {
        return codes.longSize();
    }

    @Override
    public void close() {
        PersistedMaps.close(visitors, dir.resolve(VISITORS_FILE));
        PersistedMaps.close(codes, dir.resolve(CODES_FILE));
    }

    private static ByteRecord key(String code) {
        return ByteRecord.copyOf(code.getBytes(StandardCharsets.US_ASCII));
    }

    private static void visitorKey(ByteRecord key, long visitorKey) {
        key.clear();
        IssuedCodeFormat.putLong(key.resize(VISITOR_KEY_BYTES), 0, visitorKey);
    }
}
