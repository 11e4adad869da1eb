package io.smartlinkd.http;

import io.smartlinkd.config.WebhookConfig;
import io.smartlinkd.discount.Order;
import io.smartlinkd.discount.OrderIntake;
import io.smartlinkd.discount.OrderParser;
import io.smartlinkd.discount.WebhookSignature;
import io.smartlinkd.text.Json;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order webhooks of the public listener: {@code POST /webhooks/shopify/orders} (Shopify {@code orders/create},
 * signed with {@code X-Shopify-Hmac-Sha256}) and {@code POST /webhooks/orders} (the generic endpoint, signed with
 * {@code X-Smartlinkd-Hmac-Sha256}). The raw body is verified before anything parses it; a bad signature is 401
 * and stores nothing. Work runs on a small pool of its own threads (parsing, the code store, waiting for the
 * journal's fsync), never on an event loop.
 */
public final class OrderWebhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderWebhooks.class);
    static final String SHOPIFY_PATH = "/webhooks/shopify/orders";
    static final String GENERIC_PATH = "/webhooks/orders";
    static final String SHOPIFY_SIGNATURE = "X-Shopify-Hmac-Sha256";
    static final String GENERIC_SIGNATURE = "X-Smartlinkd-Hmac-Sha256";
    private static final int QUEUE = 1_000;

    /** Which endpoint a request is for. */
    enum Kind { SHOPIFY, GENERIC }

    /** What to send back. */
    record Answer(int status, String body) {
    }

    private final WebhookSignature shopify;
    private final WebhookSignature generic;
    private final int maxBodyBytes;
    private final OrderIntake intake;
    private final ExecutorService workers;
    private final LongAdder refusedSignatures = new LongAdder();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder repeated = new LongAdder();

    public OrderWebhooks(WebhookConfig config, OrderIntake intake) {
        this.shopify = new WebhookSignature(config.shopifySecrets());
        this.generic = new WebhookSignature(config.secrets());
        this.maxBodyBytes = config.maxBodyBytes();
        this.intake = intake;
        this.workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "order-webhooks");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The endpoint this path names, or null. */
    static Kind kindOf(String path) {
        if (path.equals(SHOPIFY_PATH)) {
            return Kind.SHOPIFY;
        }
        if (path.equals(GENERIC_PATH)) {
            return Kind.GENERIC;
        }
        return null;
    }

    boolean enabled(Kind kind) {
        return (kind == Kind.SHOPIFY ? shopify : generic).enabled();
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Handles a complete body off the event loop; {@code reply} runs on a worker or the journal's waiting thread. */
    void submit(Kind kind, byte[] body, String signature, Consumer<Answer> reply) {
        try {
            workers.execute(() -> handle(kind, body, signature, reply));
        } catch (RejectedExecutionException e) {
            reply.accept(new Answer(503, "{\"error\":\"busy, retry\"}"));
        }
    }

    void handle(Kind kind, byte[] body, String signature, Consumer<Answer> reply) {
        WebhookSignature keys = kind == Kind.SHOPIFY ? shopify : generic;
        if (!keys.verify(body, signature)) {
            refusedSignatures.increment();
            reply.accept(new Answer(401, "{\"error\":\"bad signature\"}"));
            return;
        }
        Order order;
        try {
            order = kind == Kind.SHOPIFY ? OrderParser.shopify(body) : OrderParser.generic(body);
        } catch (IllegalArgumentException e) {
            reply.accept(new Answer(400, "{\"error\":" + Json.quote(e.getMessage()) + "}"));
            return;
        }
        try {
            intake.receive(order, result -> reply.accept(answer(result)));
        } catch (RuntimeException e) {
            LOG.error("order webhook: cannot record order {}", order.key(), e);
            reply.accept(new Answer(503, "{\"error\":\"cannot record, retry\"}"));
        }
    }

    private Answer answer(OrderIntake.Result result) {
        switch (result.status()) {
            case RECORDED:
                recorded.increment();
                return new Answer(200, result.summary());
            case REPEATED:
                repeated.increment();
                return new Answer(200, result.summary() == null ? "{}" : result.summary());
            default:
                return new Answer(503, "{\"error\":\"busy, retry\"}");
        }
    }

    public long refusedSignatures() {
        return refusedSignatures.sum();
    }

    public long ordersRecorded() {
        return recorded.sum();
    }

    public long ordersRepeated() {
        return repeated.sum();
    }

    /** Lets deliveries in hand finish (they wait for the journal), then stops. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
