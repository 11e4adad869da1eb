package io.smartlinkd.discount.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for one Shopify store's Admin GraphQL API, just enough of it for the discount code provider:
 * {@code discountRedeemCodeBulkAdd}, {@code discountRedeemCodeBulkCreation}, {@code discountCodeRedeemCodeBulkDelete}
 * and {@code job}, with the documented request and answer shapes.
 *
 * <p>It serves {@code POST /admin/api/{version}/graphql.json} on 127.0.0.1 at an ephemeral port, answers 401 without
 * the right {@code X-Shopify-Access-Token}, knows one code discount ({@link #discountId()}), refuses more than 250
 * codes or ids per call with {@code userErrors}, refuses a code already in the store (or twice in one call) with
 * per-code {@code errors}, and runs bulk jobs "asynchronously": a job is reported not done for the first
 * {@link #jobPolls(int)} polls and does its work when it is first reported done. The operation is recognised by the
 * field named in the query text; the selection set is not interpreted (every answer carries all fields the provider
 * asks for). Each answer has an {@code extensions.cost} like Shopify's.
 *
 * <p>Thread-safe: requests run on a small pool; the store's state is guarded by this object's monitor.
 *
 * <pre>{@code
 * try (ShopifyStandIn shop = ShopifyStandIn.start()) {
 *     ShopifySettings settings = shop.settings();   // or ShopifySettings.of(...).withApiBase(shop.baseUri())
 *     ...
 *     assertEquals(Set.of("A", "B"), shop.codes());
 * }
 * }</pre>
 */
public final class ShopifyStandIn implements AutoCloseable {
    public static final String SHOP_DOMAIN = "stand-in.myshopify.com";
    public static final int MAX_PER_CALL = 250;
    /** Requested cost of every query; a throttled request waits {@code cost / restore rate} seconds. */
    public static final int REQUESTED_COST = 10;
    public static final double RESTORE_RATE = 50.0;
    public static final double MAXIMUM_AVAILABLE = 1000.0;

    private static final Pattern API_PATH = Pattern.compile("/admin/api/([0-9]{4}-[0-9]{2}|unstable)/graphql\\.json");
    private static final Pattern FIRST = Pattern.compile("codes\\s*\\(\\s*first\\s*:\\s*(\\d+)");
    private static final Pattern JOB_FIELD = Pattern.compile("\\bjob\\s*\\(");
    private static final String CODE_GID = "gid://shopify/DiscountRedeemCode/";
    private static final String CREATION_GID = "gid://shopify/DiscountRedeemCodeBulkCreation/";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String accessToken = "shpat_" + UUID.randomUUID().toString().replace("-", "");
    private final String discountId;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1000);

    // Guarded by this.
    private final Map<String, Long> store = new LinkedHashMap<>();
    private final Map<String, BulkCreation> creations = new HashMap<>();
    private final Map<String, DeleteJob> jobs = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private int throttleNext;
    private int tooManyRequestsNext;
    private String retryAfter = "1";
    private int serverErrorsNext;
    private boolean failNextJob;
    private int jobPolls = 1;
    private int pageSize = MAX_PER_CALL;

    private ShopifyStandIn() throws IOException {
        discountId = "gid://shopify/DiscountCodeNode/" + (100_000 + (System.nanoTime() & 0xffff));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "shopify-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a stand-in on 127.0.0.1 at an ephemeral port. */
    public static ShopifyStandIn start() throws IOException {
        return new ShopifyStandIn();
    }

    /** {@code http://127.0.0.1:port}: the provider's {@code apiBase}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String accessToken() {
        return accessToken;
    }

    public String discountId() {
        return discountId;
    }

    /**
     * Default settings pointing at this stand-in (1 s polls, 500 ms first backoff). With {@link Sleeper#SYSTEM},
     * shorten them, e.g. {@code settings().withPolling(Duration.ofMillis(10), Duration.ofSeconds(5))}.
     */
    public ShopifySettings settings() {
        return ShopifySettings.of(SHOP_DOMAIN, discountId, accessToken).withApiBase(baseUri());
    }

    /** Snapshot of the codes in the store. */
    public synchronized Set<String> codes() {
        return Set.copyOf(store.keySet());
    }

    /** The store's numeric id of a code, 0 when absent. */
    public synchronized long idOf(String code) {
        return store.getOrDefault(code, 0L);
    }

    /** Puts codes straight into the store, as if made earlier (e.g. to provoke duplicates). */
    public synchronized void seed(String... codes) {
        for (String code : codes) {
            store.putIfAbsent(code, ids.incrementAndGet());
        }
    }

    /** HTTP requests received, whatever their answer. */
    public int requests() {
        return requests.get();
    }

    /** Requests answered for one operation ({@code discountRedeemCodeBulkAdd}, {@code job}, ...). */
    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** The next n requests are answered with a GraphQL {@code THROTTLED} error (HTTP 200). */
    public synchronized ShopifyStandIn throttleNext(int n) {
        throttleNext = n;
        return this;
    }

    /** The next n requests are answered HTTP 429 with this {@code Retry-After} header value (seconds). */
    public synchronized ShopifyStandIn tooManyRequestsNext(int n, String retryAfterSeconds) {
        tooManyRequestsNext = n;
        retryAfter = retryAfterSeconds;
        return this;
    }

    /** The next n requests are answered HTTP 503. */
    public synchronized ShopifyStandIn serverErrorsNext(int n) {
        serverErrorsNext = n;
        return this;
    }

    /** The next bulk creation finishes with every code failed. */
    public synchronized ShopifyStandIn failNextJob() {
        failNextJob = true;
        return this;
    }

    /** Polls that see a new job not done yet (default 1; 0 = done at once; {@link Integer#MAX_VALUE} = never). */
    public synchronized ShopifyStandIn jobPolls(int polls) {
        jobPolls = polls;
        return this;
    }

    /** Caps the page size of {@code codes(first:)}, to exercise paging. */
    public synchronized ShopifyStandIn pageSize(int size) {
        pageSize = size;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            serve(exchange, in.readAllBytes());
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange, byte[] body) throws IOException {
        if (!API_PATH.matcher(exchange.getRequestURI().getPath()).matches()) {
            send(exchange, 404, "{\"errors\":\"Not Found\"}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"errors\":\"Method Not Allowed\"}");
            return;
        }
        if (!accessToken.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
            send(exchange, 401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or "
                    + "wrong password)\"}");
            return;
        }
        synchronized (this) {
            if (serverErrorsNext > 0) {
                serverErrorsNext--;
                send(exchange, 503, "{\"errors\":\"Service Unavailable\"}");
                return;
            }
            if (tooManyRequestsNext > 0) {
                tooManyRequestsNext--;
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
                send(exchange, 429, "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request "
                        + "rates to resume uninterrupted service.\"}");
                return;
            }
            if (throttleNext > 0) {
                throttleNext--;
                send(exchange, 200, throttled().toString());
                return;
            }
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            send(exchange, 400, "{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}");
            return;
        }
        String query = request.path("query").asText("");
        JsonNode variables = request.path("variables");
        ObjectNode answer = json.createObjectNode();
        ObjectNode data = answer.putObject("data");
        synchronized (this) {
            if (query.contains("discountCodeRedeemCodeBulkDelete(")) {
                count("discountCodeRedeemCodeBulkDelete");
                data.set("discountCodeRedeemCodeBulkDelete", bulkDelete(variables));
            } else if (query.contains("discountRedeemCodeBulkAdd(")) {
                count("discountRedeemCodeBulkAdd");
                data.set("discountRedeemCodeBulkAdd", bulkAdd(variables));
            } else if (query.contains("discountRedeemCodeBulkCreation(")) {
                count("discountRedeemCodeBulkCreation");
                data.set("discountRedeemCodeBulkCreation", bulkCreation(query, variables));
            } else if (JOB_FIELD.matcher(query).find()) {
                count("job");
                data.set("job", job(variables));
            } else {
                answer.remove("data");
                answer.putArray("errors").addObject()
                        .put("message", "Field doesn't exist on type 'QueryRoot' or 'Mutation'")
                        .putObject("extensions").put("code", "undefinedField");
            }
        }
        cost(answer, REQUESTED_COST, REQUESTED_COST, MAXIMUM_AVAILABLE - REQUESTED_COST);
        send(exchange, 200, answer.toString());
    }

    private JsonNode bulkAdd(JsonNode variables) {
        ObjectNode payload = json.createObjectNode();
        ArrayNode userErrors = payload.putArray("userErrors");
        JsonNode codes = variables.path("codes");
        if (!discountId.equals(variables.path("discountId").asText())) {
            userError(userErrors, "discountId", "INVALID", "Code discount does not exist.");
        } else if (!codes.isArray() || codes.isEmpty()) {
            userError(userErrors, "codes", "BLANK", "Codes can't be blank.");
        } else if (codes.size() > MAX_PER_CALL) {
            userError(userErrors, "codes", "TOO_MANY_ARGUMENTS", "Codes exceeds the maximum of "
                    + MAX_PER_CALL + " codes.");
        }
        if (!userErrors.isEmpty()) {
            payload.putNull("bulkCreation");
            return payload;
        }
        List<String> requested = new ArrayList<>(codes.size());
        codes.forEach(c -> requested.add(c.path("code").asText("")));
        BulkCreation creation = new BulkCreation(CREATION_GID + ids.incrementAndGet(), requested, jobPolls,
                failNextJob);
        failNextJob = false;
        creations.put(creation.id, creation);
        payload.putObject("bulkCreation").put("id", creation.id).put("done", false)
                .put("codesCount", requested.size()).put("importedCount", 0).put("failedCount", 0);
        return payload;
    }

    private JsonNode bulkCreation(String query, JsonNode variables) {
        BulkCreation creation = creations.get(variables.path("id").asText());
        if (creation == null) {
            return json.nullNode();
        }
        creation.poll();
        ObjectNode node = json.createObjectNode();
        node.put("id", creation.id).put("done", creation.done).put("codesCount", creation.codes.size())
                .put("importedCount", creation.imported).put("failedCount", creation.failed);
        Matcher first = FIRST.matcher(query);
        int limit = Math.min(pageSize, first.find() ? Integer.parseInt(first.group(1)) : MAX_PER_CALL);
        JsonNode after = variables.path("after");
        int from = after.isTextual() ? Integer.parseInt(after.asText()) : 0;
        List<ObjectNode> results = creation.done ? creation.results : List.of();
        int to = Math.min(results.size(), from + limit);
        ObjectNode connection = node.putObject("codes");
        ArrayNode nodes = connection.putArray("nodes");
        for (int i = from; i < to; i++) {
            nodes.add(results.get(i));
        }
        connection.putObject("pageInfo").put("hasNextPage", to < results.size())
                .put("endCursor", to == from ? null : Integer.toString(to));
        return node;
    }

    private JsonNode bulkDelete(JsonNode variables) {
        ObjectNode payload = json.createObjectNode();
        ArrayNode userErrors = payload.putArray("userErrors");
        JsonNode idList = variables.path("ids");
        if (!discountId.equals(variables.path("discountId").asText())) {
            userError(userErrors, "discountId", "INVALID", "Code discount does not exist.");
        } else if (!idList.isArray() || idList.isEmpty()) {
            userError(userErrors, "ids", "BLANK", "Ids can't be blank.");
        } else if (idList.size() > MAX_PER_CALL) {
            userError(userErrors, "ids", "TOO_MANY_ARGUMENTS", "Ids exceeds the maximum of " + MAX_PER_CALL + ".");
        }
        if (!userErrors.isEmpty()) {
            payload.putNull("job");
            return payload;
        }
        Set<Long> targets = new HashSet<>();
        for (JsonNode id : idList) {
            String gid = id.asText();
            if (gid.startsWith(CODE_GID)) {
                targets.add(Long.parseLong(gid.substring(CODE_GID.length())));
            }
        }
        DeleteJob job = new DeleteJob("gid://shopify/Job/" + UUID.randomUUID(), targets, jobPolls);
        jobs.put(job.id, job);
        payload.putObject("job").put("id", job.id).put("done", false);
        return payload;
    }

    private JsonNode job(JsonNode variables) {
        DeleteJob job = jobs.get(variables.path("id").asText());
        if (job == null) {
            return json.nullNode();
        }
        job.poll();
        return json.createObjectNode().put("id", job.id).put("done", job.done);
    }

    private void count(String operation) {
        calls.merge(operation, 1, Integer::sum);
    }

    private ObjectNode throttled() {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("errors").addObject().put("message", "Throttled")
                .putObject("extensions").put("code", "THROTTLED")
                .put("documentation", "https://shopify.dev/api/usage/rate-limits");
        cost(answer, REQUESTED_COST, null, 0.0);
        return answer;
    }

    private static void cost(ObjectNode answer, int requested, Integer actual, double available) {
        ObjectNode cost = answer.putObject("extensions").putObject("cost");
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        cost.putObject("throttleStatus").put("maximumAvailable", MAXIMUM_AVAILABLE)
                .put("currentlyAvailable", available).put("restoreRate", RESTORE_RATE);
    }

    private static void userError(ArrayNode errors, String field, String code, String message) {
        ObjectNode error = errors.addObject();
        error.put("code", code);
        error.putArray("field").add(field);
        error.put("message", message);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A bulk creation: not done for its first polls; its codes enter the store when it first reports done. */
    private final class BulkCreation {
        final String id;
        final List<String> codes;
        final boolean failAll;
        final List<ObjectNode> results = new ArrayList<>();
        int pollsLeft;
        boolean done;
        int imported;
        int failed;

        BulkCreation(String id, List<String> codes, int polls, boolean failAll) {
            this.id = id;
            this.codes = codes;
            this.pollsLeft = polls;
            this.failAll = failAll;
        }

        void poll() {
            if (done) {
                return;
            }
            if (pollsLeft > 0) {
                pollsLeft--;
                return;
            }
            Set<String> seen = new HashSet<>();
            for (String code : codes) {
                ObjectNode result = json.createObjectNode().put("code", code);
                ArrayNode errors = result.putArray("errors");
                if (failAll) {
                    userError(errors, "code", "INTERNAL_ERROR", "Code could not be created.");
                } else if (code.isBlank()) {
                    userError(errors, "code", "BLANK", "Code can't be blank.");
                } else if (store.containsKey(code) || !seen.add(code)) {
                    userError(errors, "code", "TAKEN", "Code must be unique. Please try a different code.");
                }
                if (errors.isEmpty()) {
                    long storeId = ids.incrementAndGet();
                    store.put(code, storeId);
                    result.putObject("discountRedeemCode").put("id", CODE_GID + storeId).put("code", code);
                    imported++;
                } else {
                    result.putNull("discountRedeemCode");
                    failed++;
                }
                results.add(result);
            }
            done = true;
        }
    }

    /** A bulk delete job: not done for its first polls; removes its codes when it first reports done. */
    private final class DeleteJob {
        final String id;
        final Set<Long> targets;
        int pollsLeft;
        boolean done;

        DeleteJob(String id, Set<Long> targets, int polls) {
            this.id = id;
            this.targets = targets;
            this.pollsLeft = polls;
        }

        void poll() {
            if (done) {
                return;
            }
            if (pollsLeft > 0) {
                pollsLeft--;
                return;
            }
            store.values().removeIf(targets::contains);
            done = true;
        }
    }
}
