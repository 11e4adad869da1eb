package io.smartlinkd.link;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * Stores a {@link ByteRecord} as its raw bytes; reads into the caller's record so {@code getUsing} allocates nothing.
 */
public final class ByteRecordMarshaller implements SizedReader<ByteRecord>, SizedWriter<ByteRecord>,
        EnumMarshallable<ByteRecordMarshaller> {
    /** Stateless; Chronicle Map records it in the file header and resolves it back to this instance. */
    public static final ByteRecordMarshaller INSTANCE = new ByteRecordMarshaller();

    private ByteRecordMarshaller() {
    }

    @Override
    public ByteRecord read(Bytes<?> in, long size, ByteRecord using) {
        ByteRecord target = using != null ? using : new ByteRecord((int) size);
        in.read(target.resize((int) size), 0, (int) size);
        return target;
    }

    @Override
    public long size(ByteRecord record) {
        return record.length();
    }

    @Override
    public void write(Bytes<?> out, long size, ByteRecord record) {
        out.write(record.bytes(), 0, record.length());
    }

    @Override
    public ByteRecordMarshaller readResolve() {
        return INSTANCE;
    }
}
