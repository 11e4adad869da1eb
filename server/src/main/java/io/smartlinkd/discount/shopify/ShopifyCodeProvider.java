package io.smartlinkd.discount.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartlinkd.discount.CodeProvider;
import io.smartlinkd.discount.ProvidedCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes the redeem codes of one Shopify code discount through the Admin GraphQL API, in bulk jobs.
 *
 * <p>Threading: blocking, meant for the single discount background thread; one instance is not safe for concurrent
 * calls. The JDK {@link HttpClient} it owns runs its own daemon selector thread; nothing else is started.
 *
 * <p>Implementation notes.
 * <ul>
 * <li>{@code create}: codes go in chunks of at most {@value #MAX_CODES_PER_CALL} to
 * {@code discountRedeemCodeBulkAdd}, which only starts a bulk creation; the creation is polled with
 * {@code discountRedeemCodeBulkCreation(id:)} every poll interval until {@code done}, then its per-code results
 * are read (paged through {@code codes(first:, after:)}). A code with errors (e.g. already taken) is left out and
 * counted in one log line per chunk. A creation where every code failed is an {@link IOException}, as is one that is
 * not done within the job timeout. When a later chunk fails after earlier ones created codes, the codes already in
 * the store are returned (they exist and must not be lost) and the failure is logged; the next call reports it
 * again if it persists.</li>
 * <li>{@code delete}: ids go in chunks of at most {@value #MAX_CODES_PER_CALL} to
 * {@code discountCodeRedeemCodeBulkDelete}, whose {@code Job} is polled with {@code job(id:)} until done. Codes
 * without a store id (0) cannot be addressed and are skipped.</li>
 * <li>Retries: HTTP 429 waits {@code Retry-After} seconds; a GraphQL {@code THROTTLED} error waits until the
 * leaky bucket has restored the requested cost ({@code extensions.cost}: requested minus currently available,
 * divided by the restore rate); 5xx and connection errors back off exponentially with jitter. Every wait is capped
 * at {@code maxBackoff}, and one request gives up after {@code maxAttempts}. HTTP 401/403, other 4xx, GraphQL
 * errors and {@code userErrors} fail at once. No message or log line carries the access token.</li>
 * </ul>
 */
public final class ShopifyCodeProvider implements CodeProvider {
    /** Most codes {@code discountRedeemCodeBulkAdd} takes, and most ids one bulk delete is sent. */
    public static final int MAX_CODES_PER_CALL = 250;

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyCodeProvider.class);
    private static final String TOKEN_HEADER = "X-Shopify-Access-Token";
    private static final String REDEEM_CODE_GID = "gid://shopify/DiscountRedeemCode/";
    private static final int BODY_EXCERPT_CHARS = 200;

    static final String BULK_ADD = """
            mutation discountRedeemCodeBulkAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
              discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
                bulkCreation { id }
                userErrors { code field message }
              }
            }""";
    static final String BULK_CREATION = """
            query discountRedeemCodeBulkCreation($id: ID!, $after: String) {
              discountRedeemCodeBulkCreation(id: $id) {
                id done codesCount importedCount failedCount
                codes(first: 250, after: $after) {
                  nodes { code errors { code field message } discountRedeemCode { id } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";
    static final String BULK_DELETE = """
            mutation discountCodeRedeemCodeBulkDelete($discountId: ID!, $ids: [ID!]) {
              discountCodeRedeemCodeBulkDelete(discountId: $discountId, ids: $ids) {
                job { id done }
                userErrors { code field message }
              }
            }""";
    static final String JOB = """
            query job($id: ID!) {
              job(id: $id) { id done }
            }""";

    private final ShopifySettings settings;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;

    /** A provider that really sleeps. */
    public ShopifyCodeProvider(ShopifySettings settings) {
        this(settings, Sleeper.SYSTEM);
    }

    /** A provider whose waits (backoff, throttling, polling) go through {@code sleeper}. */
    public ShopifyCodeProvider(ShopifySettings settings, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.endpoint = settings.endpoint();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        // Plain http only reaches a local stand-in: skip the h2c upgrade dance there.
        builder.version("http".equals(endpoint.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2);
        this.http = builder.build();
    }

    @Override
    public String name() {
        return "shopify";
    }

    @Override
    public List<ProvidedCode> create(List<String> codes) throws IOException, InterruptedException {
        List<ProvidedCode> created = new ArrayList<>(codes.size());
        for (int from = 0; from < codes.size(); from += MAX_CODES_PER_CALL) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + MAX_CODES_PER_CALL));
            try {
                createChunk(chunk, created);
            } catch (IOException e) {
                if (created.isEmpty()) {
                    throw e;
                }
                LOG.warn("Shopify {}: {} codes created, then stopped: {}", settings.shopDomain(), created.size(),
                        e.getMessage());
                return created;
            }
        }
        return created;
    }

    @Override
    public void delete(List<ProvidedCode> codes) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(codes.size());
        for (ProvidedCode code : codes) {
            if (code.storeId() > 0) {
                ids.add(REDEEM_CODE_GID + code.storeId());
            }
        }
        if (ids.size() < codes.size()) {
            LOG.debug("Shopify {}: {} codes without a store id skipped", settings.shopDomain(),
                    codes.size() - ids.size());
        }
        for (int from = 0; from < ids.size(); from += MAX_CODES_PER_CALL) {
            deleteChunk(ids.subList(from, Math.min(ids.size(), from + MAX_CODES_PER_CALL)));
        }
    }

    private void createChunk(List<String> chunk, List<ProvidedCode> created) throws IOException, InterruptedException {
        ObjectNode variables = json.createObjectNode();
        variables.put("discountId", settings.discountId());
        ArrayNode inputs = variables.putArray("codes");
        for (String code : chunk) {
            inputs.addObject().put("code", code);
        }
        JsonNode payload = call("discountRedeemCodeBulkAdd", BULK_ADD, variables).path("discountRedeemCodeBulkAdd");
        failOnUserErrors("discountRedeemCodeBulkAdd", payload);
        String creationId = payload.path("bulkCreation").path("id").asText(null);
        if (creationId == null) {
            throw new IOException("Shopify " + settings.shopDomain() + ": discountRedeemCodeBulkAdd returned no "
                    + "bulk creation");
        }

        JsonNode creation = pollCreation(creationId);
        int refused = 0;
        String firstRefusal = null;
        int before = created.size();
        while (true) {
            JsonNode connection = creation.path("codes");
            for (JsonNode node : connection.path("nodes")) {
                JsonNode errors = node.path("errors");
                String id = node.path("discountRedeemCode").path("id").asText(null);
                if ((errors.isArray() && !errors.isEmpty()) || id == null) {
                    refused++;
                    if (firstRefusal == null) {
                        firstRefusal = describe(errors.path(0));
                    }
                    continue;
                }
                created.add(new ProvidedCode(node.path("code").asText(), numericId(id)));
            }
            JsonNode pageInfo = connection.path("pageInfo");
            if (!pageInfo.path("hasNextPage").asBoolean(false)) {
                break;
            }
            creation = queryCreation(creationId, pageInfo.path("endCursor").asText(null));
            if (creation == null) {
                throw new IOException("Shopify " + settings.shopDomain() + ": bulk creation " + creationId
                        + " disappeared while reading its codes");
            }
        }
        int imported = created.size() - before;
        int failedCount = creation.path("failedCount").asInt(refused);
        if (imported == 0 && !chunk.isEmpty()) {
            throw new IOException("Shopify " + settings.shopDomain() + ": bulk creation " + creationId
                    + " created none of " + chunk.size() + " codes (" + Math.max(refused, failedCount) + " failed"
                    + (firstRefusal == null ? "" : ", first: " + firstRefusal) + ")");
        }
        if (refused > 0) {
            LOG.warn("Shopify {}: {} of {} codes refused by bulk creation {} (first: {})", settings.shopDomain(),
                    refused, chunk.size(), creationId, firstRefusal);
        }
    }

    /** Polls until done; returns the done creation (first page of codes). */
    private JsonNode pollCreation(String creationId) throws IOException, InterruptedException {
        int maxPolls = settings.maxPolls();
        for (int poll = 0; ; poll++) {
            JsonNode creation = queryCreation(creationId, null);
            if (creation == null) {
                throw new IOException("Shopify " + settings.shopDomain() + ": bulk creation " + creationId
                        + " not found");
            }
            if (creation.path("done").asBoolean(false)) {
                return creation;
            }
            if (poll >= maxPolls) {
                throw new IOException("Shopify " + settings.shopDomain() + ": bulk creation " + creationId
                        + " not done after " + settings.jobTimeout().toMillis() + " ms");
            }
            sleeper.sleep(settings.pollInterval().toMillis());
        }
    }

    private JsonNode queryCreation(String creationId, String after) throws IOException, InterruptedException {
        ObjectNode variables = json.createObjectNode();
        variables.put("id", creationId);
        if (after == null) {
            variables.putNull("after");
        } else {
            variables.put("after", after);
        }
        JsonNode creation = call("discountRedeemCodeBulkCreation", BULK_CREATION, variables)
                .path("discountRedeemCodeBulkCreation");
        return creation.isObject() ? creation : null;
    }

    private void deleteChunk(List<String> ids) throws IOException, InterruptedException {
        ObjectNode variables = json.createObjectNode();
        variables.put("discountId", settings.discountId());
        ArrayNode idArray = variables.putArray("ids");
        ids.forEach(idArray::add);
        JsonNode payload = call("discountCodeRedeemCodeBulkDelete", BULK_DELETE, variables)
                .path("discountCodeRedeemCodeBulkDelete");
        failOnUserErrors("discountCodeRedeemCodeBulkDelete", payload);
        JsonNode job = payload.path("job");
        String jobId = job.path("id").asText(null);
        if (jobId == null) {
            throw new IOException("Shopify " + settings.shopDomain() + ": discountCodeRedeemCodeBulkDelete returned "
                    + "no job");
        }
        int maxPolls = settings.maxPolls();
        for (int poll = 0; !job.path("done").asBoolean(false); poll++) {
            if (poll >= maxPolls) {
                throw new IOException("Shopify " + settings.shopDomain() + ": delete job " + jobId + " not done after "
                        + settings.jobTimeout().toMillis() + " ms");
            }
            sleeper.sleep(settings.pollInterval().toMillis());
            ObjectNode jobVariables = json.createObjectNode();
            jobVariables.put("id", jobId);
            job = call("job", JOB, jobVariables).path("job");
            if (!job.isObject()) {
                throw new IOException("Shopify " + settings.shopDomain() + ": delete job " + jobId + " not found");
            }
        }
    }

    private void failOnUserErrors(String operation, JsonNode payload) throws IOException {
        if (!payload.isObject()) {
            throw new IOException("Shopify " + settings.shopDomain() + ": " + operation + " returned no payload");
        }
        JsonNode errors = payload.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new IOException("Shopify " + settings.shopDomain() + ": " + operation + " refused with "
                    + errors.size() + " user error(s), first: " + describe(errors.get(0)));
        }
    }

    /**
     * Sends one GraphQL request and returns its {@code data}, retrying throttling, 5xx and connection errors.
     */
    private JsonNode call(String operation, String query, ObjectNode variables)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("query", query);
        body.set("variables", variables);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(TOKEN_HEADER, settings.accessToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        String where = "Shopify " + settings.shopDomain() + " " + operation;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new IOException(where + ": no answer after " + attempt + " attempts: " + e, e);
                }
                long wait = backoffMillis(attempt);
                LOG.debug("{}: {}; retrying in {} ms", where, e, wait);
                sleeper.sleep(wait);
                continue;
            }
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new IOException(where + ": HTTP " + status + ", the access token was "
                        + (status == 401 ? "rejected (wrong or revoked token)" : "refused (missing write_discounts scope?)"));
            }
            if (status == 429 || status >= 500) {
                if (attempt >= settings.maxAttempts()) {
                    throw new IOException(where + ": HTTP " + status + " after " + attempt + " attempts");
                }
                long wait = status == 429 ? retryAfterMillis(response, attempt) : backoffMillis(attempt);
                LOG.debug("{}: HTTP {}; retrying in {} ms", where, status, wait);
                sleeper.sleep(wait);
                continue;
            }
            if (status < 200 || status > 299) {
                throw new IOException(where + ": HTTP " + status + ": " + excerpt(response.body()));
            }
            JsonNode root;
            try {
                root = json.readTree(response.body());
            } catch (IOException e) {
                throw new IOException(where + ": unreadable answer: " + excerpt(response.body()), e);
            }
            if (root == null || !root.isObject()) {
                throw new IOException(where + ": unreadable answer: " + excerpt(response.body()));
            }
            JsonNode errors = root.path("errors");
            if (!errors.isMissingNode() && !errors.isNull() && !(errors.isArray() && errors.isEmpty())) {
                if (isThrottled(errors)) {
                    if (attempt >= settings.maxAttempts()) {
                        throw new IOException(where + ": still throttled after " + attempt + " attempts");
                    }
                    long wait = throttleMillis(root.path("extensions").path("cost"), attempt);
                    LOG.debug("{}: throttled; retrying in {} ms", where, wait);
                    sleeper.sleep(wait);
                    continue;
                }
                JsonNode first = errors.isArray() ? errors.get(0) : errors;
                String message = first.isTextual() ? first.asText() : first.path("message").asText(first.toString());
                throw new IOException(where + ": GraphQL error: " + message);
            }
            return root.path("data");
        }
    }

    private static boolean isThrottled(JsonNode errors) {
        if (!errors.isArray()) {
            return false;
        }
        for (JsonNode error : errors) {
            if ("THROTTLED".equals(error.path("extensions").path("code").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** Time for the bucket to restore the requested cost, else backoff; capped. */
    long throttleMillis(JsonNode cost, int attempt) {
        double requested = cost.path("requestedQueryCost").asDouble(Double.NaN);
        JsonNode status = cost.path("throttleStatus");
        double available = status.path("currentlyAvailable").asDouble(Double.NaN);
        double restoreRate = status.path("restoreRate").asDouble(Double.NaN);
        if (!(requested > 0) || Double.isNaN(available) || !(restoreRate > 0)) {
            return backoffMillis(attempt);
        }
        double missing = Math.max(1.0, requested - available);
        return Math.min(settings.maxBackoff().toMillis(), (long) Math.ceil(missing / restoreRate * 1000.0));
    }

    private long retryAfterMillis(HttpResponse<?> response, int attempt) {
        String header = response.headers().firstValue("Retry-After").orElse(null);
        if (header != null) {
            try {
                double seconds = Double.parseDouble(header.trim());
                if (seconds >= 0) {
                    return Math.min(settings.maxBackoff().toMillis(), (long) Math.ceil(seconds * 1000.0));
                }
            } catch (NumberFormatException e) {
                // An HTTP date or garbage: fall back to backoff.
            }
        }
        return backoffMillis(attempt);
    }

    /** Exponential backoff with jitter: half of min(cap, initial * 2^(attempt-1)) plus a random half. */
    long backoffMillis(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long base = attempt >= 31 ? cap : Math.min(cap, initial << Math.max(0, attempt - 1));
        long half = base / 2;
        return half + ThreadLocalRandom.current().nextLong(base - half + 1);
    }

    /** The number at the end of a GID such as {@code gid://shopify/DiscountRedeemCode/123}. */
    static long numericId(String gid) throws IOException {
        int end = gid.indexOf('?');
        String path = end < 0 ? gid : gid.substring(0, end);
        try {
            return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            throw new IOException("Shopify answered an id without a number: " + gid, e);
        }
    }

    private static String describe(JsonNode error) {
        if (error == null || error.isMissingNode()) {
            return "no error given";
        }
        String code = error.path("code").asText("");
        String message = error.path("message").asText(error.toString());
        return code.isEmpty() ? message : code + " " + message;
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= BODY_EXCERPT_CHARS ? text : text.substring(0, BODY_EXCERPT_CHARS) + "...";
    }
}
