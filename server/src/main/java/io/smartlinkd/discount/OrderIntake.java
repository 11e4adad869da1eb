package io.smartlinkd.discount;

import io.smartlinkd.journal.OrderRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import io.smartlinkd.journal.DurableWaits;
import io.smartlinkd.text.Json;

/**
 * Attributes a verified order: redeems each of its codes exactly once, journals one order record per code (the
 * order's revenue on the first code it redeemed), and only then marks the order as seen. A repeated delivery is
 * answered from the ledger and changes nothing. Blocking; runs on webhook threads, never an event loop.
 */
public final class OrderIntake {
    private static final long DURABLE_TIMEOUT_MS = 5_000;
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final IssuedCodes codes;
    private final OrderLedger ledger;
    private final OrderJournal journal;
    private final LongSupplier clock;

    /** Where order records go: the node's journal. */
    public interface OrderJournal {
        /** Publishes a record; its sequence, or -1 when it cannot be taken now. */
        long publish(OrderRecord record);

        /** Calls back once records up to {@code sequence} are durable (true), or on timeout or failure (false). */
        void whenDurable(long sequence, long timeoutMs, DurableWaits.Callback callback);
    }

    /** What the sender is told. {@code summary} is a JSON object for the response body. */
    public record Result(Status status, String summary) {
    }

    public enum Status {
        /** Recorded now. */
        RECORDED,
        /** Recorded by an earlier delivery. */
        REPEATED,
        /** Another delivery of this order is being processed, or the journal cannot take it: try again later. */
        RETRY
    }

    public OrderIntake(IssuedCodes codes, OrderLedger ledger, OrderJournal journal, LongSupplier clock) {
        this.codes = codes;
        this.ledger = ledger;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Redeems the order's codes and journals them; {@code reply} gets the result once the records are durable
     * (on the journal's waiting thread) or at once when there is nothing to wait for.
     */
    public void receive(Order order, Consumer<Result> reply) {
        long now = clock.getAsLong();
        String key = order.key();
        switch (ledger.claim(key, now)) {
            case DONE:
                reply.accept(new Result(Status.REPEATED, ledger.summary(key)));
                return;
            case BUSY:
                reply.accept(new Result(Status.RETRY, null));
                return;
            default:
                break;
        }
        boolean handedOver = false;
        try {
            List<OrderRecord> records = new ArrayList<>();
            StringBuilder summary = new StringBuilder("{\"order\":").append(Json.quote(order.orderId()))
                    .append(",\"codes\":[");
            boolean revenueTaken = false;
            for (String code : order.codes()) {
                Redemption redemption = codes.redeem(code, key, now);
                OrderRecord.Outcome outcome = outcomeOf(redemption.outcome());
                boolean carriesRevenue = outcome == OrderRecord.Outcome.REDEEMED && !revenueTaken;
                revenueTaken |= carriesRevenue;
                IssuedCode issued = redemption.code();
                records.add(new OrderRecord(now, carriesRevenue ? micros(order.total()) : 0, outcome,
                        issued == null ? "" : issued.clickId(), order.source(), order.orderId(), code,
                        order.currency(), issued == null ? "" : issued.discountId(),
                        issued == null ? "" : issued.linkId(), issued == null ? "" : issued.partner()));
                if (records.size() > 1) {
                    summary.append(',');
                }
                summary.append("{\"code\":").append(Json.quote(code)).append(",\"outcome\":\"")
                        .append(outcome.label()).append("\"}");
            }
            String text = summary.append("]}").toString();
            long last = -1;
            for (OrderRecord record : records) {
                last = journal.publish(record);
                if (last < 0) {
                    reply.accept(new Result(Status.RETRY, null));
                    return;
                }
            }
            if (last < 0) {
                ledger.done(key, text);
                handedOver = true;
                reply.accept(new Result(Status.RECORDED, text));
                return;
            }
            handedOver = true;
            journal.whenDurable(last, DURABLE_TIMEOUT_MS, durable -> {
                if (durable) {
                    ledger.done(key, text);
                    reply.accept(new Result(Status.RECORDED, text));
                } else {
                    ledger.release(key);
                    reply.accept(new Result(Status.RETRY, null));
                }
            });
        } finally {
            if (!handedOver) {
                ledger.release(key);
            }
        }
    }

    private static OrderRecord.Outcome outcomeOf(Redemption.Outcome outcome) {
        switch (outcome) {
            case REDEEMED:
            case REPEATED:
                // REPEATED: an earlier delivery redeemed it but crashed before recording the order.
                return OrderRecord.Outcome.REDEEMED;
            case USED:
                return OrderRecord.Outcome.USED;
            case EXPIRED:
                return OrderRecord.Outcome.EXPIRED;
            default:
                return OrderRecord.Outcome.UNKNOWN;
        }
    }

    private static long micros(BigDecimal amount) {
        return amount.multiply(MICROS).longValue();
    }
}
