package io.smartlinkd.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.smartlinkd.discount.CodeIssuer;
import io.smartlinkd.discount.Discount;
import io.smartlinkd.discount.DiscountService;
import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.link.ByteRecord;
import io.smartlinkd.link.Domain;
import io.smartlinkd.link.LinkRecordFormat;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.link.Partner;
import io.smartlinkd.link.TemplateRenderer;
import io.smartlinkd.routing.RouteDecision;
import io.smartlinkd.text.CharScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers click requests on the public listener: {@code GET|HEAD /{slug}} and {@code /{slug}/{partner}}.
 *
 * <p>Resolves the client address (through trusted proxies) and the visitor (cookie, visit count), looks the link
 * up in the current {@link LinkSet}, decides whether the click is unique, applies activation and partner access,
 * mints a click id and writes the redirect, with the visitor cookie, as pre-encoded bytes into one pooled buffer;
 * responses are flushed once per read batch.
 * Clicks arrive as the loop's {@link ClickRequest} (views over the head's bytes, nothing to release); malformed
 * requests arrive refused and get a prepared 400/414/431 and a closed connection. A connection that POSTs has been
 * handed to Netty's decoder and its order webhook arrives as Netty's request and contents. One instance per
 * connection; all per-request scratch state lives in the event loop's {@link LoopContext}.
 */
final class ClickHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHandler.class);
    private static final int MAX_SEGMENT_CHARS = 64;

    private final ServerState server;
    private final LoopContext loop;
    private final ConnectionState connection;
    private boolean closeRequested;
    // The request being answered; requests on one connection are answered one at a time, in order.
    private boolean head;
    private boolean keepAlive;
    private boolean http10;
    private long requestMs;
    /** The click being answered: the loop's request, valid until this handler returns from channelRead. */
    private ClickRequest request;
    /** The generation answering this request, and the discount its redirect carries (0 none). */
    private LinkSet links;
    private int discount;
    /** An order webhook whose body is being received; null otherwise. */
    private WebhookDelivery webhook;

    ClickHandler(ServerState server, LoopContext loop, ConnectionState connection) {
        this.server = server;
        this.loop = loop;
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection.peer(ctx.channel().remoteAddress());
        loop.sweeper.add(connection);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        loop.sweeper.remove(connection);
        if (webhook != null) {
            webhook.abandon();
            webhook = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ClickRequest) {
            if (!closeRequested) {
                onClick(ctx, (ClickRequest) msg);
            }
            return;
        }
        try {
            if (msg instanceof HttpRequest && !closeRequested) {
                onWebhookRequest(ctx, (HttpRequest) msg);
            } else if (msg instanceof HttpContent && webhook != null && webhook.add(ctx, (HttpContent) msg)) {
                webhook = null;
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ErrorLog.once(LOG, "connection error", cause);
        ctx.close();
    }

    private void onClick(ChannelHandlerContext ctx, ClickRequest request) {
        connection.headersComplete(System.nanoTime());
        head = false;
        if (request.refusal() != null) {
            refuse(ctx, request.refusal());
            return;
        }
        // POSTs never get here: the decoder hands their connection to Netty's decoder.
        ClickRequest.Method method = request.method();
        head = method == ClickRequest.Method.HEAD;
        if (method != ClickRequest.Method.GET && !head) {
            refuse(ctx, Responses.METHOD_NOT_ALLOWED);
            return;
        }
        if (request.announcesBody()) {
            refuse(ctx, Responses.BAD_REQUEST);
            return;
        }
        keepAlive = request.keepAlive() && !server.closing();
        http10 = request.http10();
        requestMs = System.currentTimeMillis();
        ClientAddresses.resolve(loop.client, connection, request);
        CharSequence userAgent = request.userAgent();
        VisitClassification visit = loop.visit;
        visit.classify(server.classifiers(), loop.client, request, userAgent, head);
        // Bots, prefetches and HEAD are looks, not visits: no cookie, no unique click.
        loop.visitor.begin(request.cookie(), userAgent, loop.client, !visit.bot());
        this.request = request;
        answer(ctx, request.target(), request.host());
        this.request = null;
    }

    /** A request decoded by Netty's decoder, which took over after a POST: an order webhook, or refused. */
    private void onWebhookRequest(ChannelHandlerContext ctx, HttpRequest request) {
        connection.headersComplete(System.nanoTime());
        DecoderResult result = request.decoderResult();
        head = false;
        if (result.isFailure()) {
            refuse(ctx, statusFor(result.cause()));
            return;
        }
        if (request.method() == HttpMethod.POST) {
            beginWebhook(ctx, request);
            return;
        }
        refuse(ctx, Responses.METHOD_NOT_ALLOWED);
    }

    private void answer(ChannelHandlerContext ctx, CharSequence uri, CharSequence host) {
        int pathStart = 0;
        if (uri.length() == 0 || uri.charAt(0) != '/') {
            int authority = absoluteFormAuthority(uri);
            if (authority < 0) {
                refuse(ctx, Responses.BAD_REQUEST);
                return;
            }
            // Absolute form (proxies' and some tools' requests, rare): copies are fine here.
            pathStart = CharScan.indexOf(uri, '/', authority, uri.length());
            host = uri.subSequence(authority, firstOf(uri, authority, "/?#"));
            if (pathStart == uri.length()) {
                uri = uri + "/";
            }
        }
        int pathEnd = firstOf(uri, pathStart, "?#");
        int queryStart = pathEnd < uri.length() && uri.charAt(pathEnd) == '?' ? pathEnd + 1 : pathEnd;
        int queryEnd = CharScan.indexOf(uri, '#', queryStart, uri.length());

        if (server.healthOnPublic() && answerHealth(ctx, uri, pathStart, pathEnd)) {
            return;
        }
        LinkSet links = server.linkSet();
        this.links = links;
        this.discount = 0;
        Domain domain = links.domains().match(host);
        int slugStart = pathStart + 1;
        int slugEnd = CharScan.indexOf(uri, '/', slugStart, pathEnd);
        int partnerStart = Math.min(slugEnd + 1, pathEnd);
        int partnerEnd = CharScan.indexOf(uri, '/', partnerStart, pathEnd);
        RequestMacros macros = loop.macros;
        macros.set(uri, queryStart, queryEnd, slugStart, slugEnd, domain);
        boolean wellFormed = isSegment(uri, slugStart, slugEnd)
                && (partnerStart == partnerEnd || isSegment(uri, partnerStart, partnerEnd))
                && partnerEnd >= pathEnd - 1;
        if (domain == null || !wellFormed) {
            notFound(ctx, domain, ClickOutcome.NOT_FOUND);
            return;
        }
        ByteRecord key = loop.key;
        key.clear();
        key.appendShort(domain.number());
        key.appendAscii(uri, slugStart, slugEnd);
        ByteRecord record = loop.links.lookup(links.links(), key);
        if (record == null) {
            notFound(ctx, domain, ClickOutcome.NOT_FOUND);
            return;
        }
        LinkView link = loop.view.wrap(record.bytes());
        macros.link(link);
        loop.visitor.link(link.linkNumber(), requestMs);
        if (!link.active()) {
            if (link.fallbackLength() > 0) {
                redirect(ctx, 302, link.bytes(), link.fallbackOffset(), link.fallbackLength(), ClickOutcome.FALLBACK);
            } else {
                notFound(ctx, domain, ClickOutcome.INACTIVE);
            }
            return;
        }
        Partner partner = null;
        if (partnerStart < partnerEnd) {
            partner = links.partners().find(uri, partnerStart, partnerEnd);
            if (partner == null || (link.isPrivate() && !link.admits(partner.number(), partner.groupNumber()))) {
                macros.rejectedPartner(partnerStart, partnerEnd);
                reject(ctx, domain, link);
                return;
            }
        } else if (link.isPrivate()) {
            reject(ctx, domain, link);
            return;
        }
        macros.partner(partner);
        if (link.ruleSet() != 0) {
            route(ctx, links, link, partner, uri, queryStart, queryEnd);
            return;
        }
        discount = link.discount();
        redirect(ctx, link.redirectStatus(), link.bytes(), link.destinationOffset(), link.destinationLength(),
                ClickOutcome.REDIRECTED);
    }

    /** A link with rules: its destination, a rule's destination, an offer of a pool, or its on_lost answer. */
    private void route(ChannelHandlerContext ctx, LinkSet links, LinkView link, Partner partner, CharSequence uri,
                       int queryStart, int queryEnd) {
        RequestFacts facts = loop.facts;
        // HEAD is a prefetch or a link checker: routed like a click, but it never consumes a cap.
        VisitClassification visit = loop.visit;
        facts.set(uri, queryStart, queryEnd, partner, requestMs, visit.bot(),
                request.referer(), request.acceptLanguage());
        facts.visitor(visit.country(), visit.device(), visit.os(), visit.browser(),
                Math.max(1, loop.visitor.visitCount()), visit.bot());
        RouteDecision decision = loop.route;
        links.router().route(link.ruleSet(), facts, decision);
        loop.macros.route(decision);
        switch (decision.kind()) {
            case DESTINATION:
                discount = decision.discount();
                redirect(ctx, link.redirectStatus(), decision.program(), decision.programOffset(),
                        decision.programLength(), ClickOutcome.REDIRECTED);
                break;
            case OFFER:
                redirect(ctx, link.redirectStatus(), decision.program(), decision.programOffset(),
                        decision.programLength(), ClickOutcome.REDIRECTED);
                break;
            case LOST:
                if (decision.lostStatus() == 0) {
                    redirect(ctx, 302, decision.program(), decision.programOffset(), decision.programLength(),
                            ClickOutcome.LOST);
                } else {
                    answerPlain(ctx, Responses.lost(decision.lostStatus()), ClickOutcome.LOST);
                }
                break;
            default:
                discount = link.discount();
                redirect(ctx, link.redirectStatus(), link.bytes(), link.destinationOffset(), link.destinationLength(),
                        ClickOutcome.REDIRECTED);
                break;
        }
    }

    private void reject(ChannelHandlerContext ctx, Domain domain, LinkView link) {
        switch (link.rejection()) {
            case DESTINATION:
                redirect(ctx, 302, link.bytes(), link.destinationOffset(), link.destinationLength(),
                        ClickOutcome.REJECTED);
                break;
            case URL:
                redirect(ctx, 302, link.bytes(), link.rejectionOffset(), link.rejectionLength(), ClickOutcome.REJECTED);
                break;
            case FORBIDDEN:
                answerPlain(ctx, Responses.FORBIDDEN, ClickOutcome.REJECTED);
                break;
            default:
                notFound(ctx, domain, ClickOutcome.REJECTED);
                break;
        }
    }

    private void notFound(ChannelHandlerContext ctx, Domain domain, ClickOutcome outcome) {
        if (domain != null && domain.notFound() != null) {
            byte[] program = domain.notFound();
            redirect(ctx, 302, program, 0, program.length, outcome);
            return;
        }
        answerPlain(ctx, Responses.NOT_FOUND, outcome);
    }

    /** Records the click, then writes a redirect whose Location the template program renders. */
    private void redirect(ChannelHandlerContext ctx, int status, byte[] program, int offset, int length,
                          ClickOutcome outcome) {
        long nowMs = System.currentTimeMillis();
        LinkView link = loop.macros.link();
        int chars = loop.minter.mint(nowMs, link == null ? 0 : link.linkNumber(), loop.macros.offerNumber(),
                loop.clickId, 0);
        loop.macros.clickId(loop.clickId, chars);
        if (discount != 0 && outcome == ClickOutcome.REDIRECTED && link != null) {
            Discount coded = discount == LinkRecordFormat.DISCOUNT_PENDING ? null : links.discounts().get(discount);
            if (coded == null) {
                server.recordCodePending();
            } else if (!loop.visit.bot()) {
                byte[] location = issueCode(coded, link, nowMs, chars, program, offset, length);
                if (location != program) {
                    program = location;
                    offset = 0;
                    length = location.length;
                }
            }
        }
        if (!record(ctx, outcome, status, nowMs)) {
            return;
        }
        ByteBuf out = ctx.alloc().ioBuffer(384 + length);
        out.writeBytes(Responses.redirectStatusLine(status));
        out.writeBytes(Responses.LOCATION);
        TemplateRenderer.render(program, offset, length, loop.macros, out);
        out.writeBytes(Responses.CRLF);
        out.writeBytes(Responses.NO_STORE_EMPTY);
        loop.visitor.writeSetCookie(out);
        out.writeBytes(loop.date.line(nowMs));
        finish(ctx, out);
    }

    /**
     * Gives a person's click a code of this discount and returns the program to render: the discount's coded
     * location, or when the pool is empty its {@code when_empty} page or else the click's own destination.
     */
    private byte[] issueCode(Discount coded, LinkView link, long nowMs, int clickIdChars, byte[] program, int offset,
                             int length) {
        DiscountService service = server.discounts();
        if (service == null) {
            return program;
        }
        Partner partner = loop.macros.partner();
        CodeIssuer codes = loop.codes;
        boolean issued;
        try {
            issued = codes.issue(coded, service.store(), loop.visitor.linkKey(), loop.visitor.newId(), nowMs,
                    loop.clickId, clickIdChars, link.bytes(), link.linkIdOffset(), link.linkIdLength(),
                    partner == null ? null : partner.idBytes());
        } catch (RuntimeException e) {
            ErrorLog.once(LOG, "cannot store an issued discount code; the click goes on without one", e);
            server.recordCodeFailure();
            return program;
        }
        if (!issued) {
            return coded.whenEmpty() != null ? coded.whenEmpty() : program;
        }
        server.recordCode(codes.reused());
        loop.macros.code(codes.code(), program, offset, length);
        return coded.location();
    }

    private void answerPlain(ChannelHandlerContext ctx, Responses.Plain response, ClickOutcome outcome) {
        long nowMs = System.currentTimeMillis();
        loop.macros.clickId(null, 0);
        if (record(ctx, outcome, response.status, nowMs)) {
            writePlain(ctx, response, nowMs);
        }
    }

    /**
     * Journals the click before anything is sent: a full ring or a failed writer is answered 503 with Retry-After
     * (counted), so no answer ever leaves without its record.
     */
    private boolean record(ChannelHandlerContext ctx, ClickOutcome outcome, int status, long nowMs) {
        ClickDraft draft = loop.draft.begin(nowMs);
        loop.macros.describe(draft, outcome, status);
        int ipForm = loop.client.privacyForm(server.ipPrivacy(), loop.recordedIp);
        if (ipForm != 0) {
            draft.ip(ipForm, loop.recordedIp);
        }
        if (loop.visitor.unique()) {
            draft.addFlags(ClickLayout.FLAG_UNIQUE);
        }
        VisitClassification visit = loop.visit;
        visit.describe(draft);
        if (server.journal().tryRecord(draft)) {
            server.record(outcome);
            if (visit.bot()) {
                server.recordNonHuman(visit.prefetch());
            }
            return true;
        }
        server.record(ClickOutcome.UNAVAILABLE);
        writePlain(ctx, Responses.UNAVAILABLE, nowMs);
        return false;
    }

    /** An order webhook: one delivery per connection, received by {@link WebhookDelivery}. */
    private void beginWebhook(ChannelHandlerContext ctx, HttpRequest request) {
        webhook = WebhookDelivery.begin(ctx, request, server.webhooks(), loop.date, refusal -> refuse(ctx, refusal));
        // Later requests on this connection are not read; it closes after the answer.
        closeRequested = true;
    }

    private boolean answerHealth(ChannelHandlerContext ctx, CharSequence uri, int start, int end) {
        if (end - start == 8 && CharScan.regionMatches(uri, start, "/healthz")) {
            writePlain(ctx, Responses.OK, System.currentTimeMillis());
            return true;
        }
        if (end - start == 7 && CharScan.regionMatches(uri, start, "/readyz")) {
            writePlain(ctx, server.ready() ? Responses.READY : Responses.NOT_READY, System.currentTimeMillis());
            return true;
        }
        return false;
    }

    private void refuse(ChannelHandlerContext ctx, Responses.Plain response) {
        server.record(ClickOutcome.BAD_REQUEST);
        closeRequested = true;
        writePlainAndClose(ctx.channel(), response, head);
    }

    private void writePlain(ChannelHandlerContext ctx, Responses.Plain response, long nowMs) {
        ByteBuf out = ctx.alloc().ioBuffer(response.head.length + response.body.length + 64);
        response.writeHead(out);
        out.writeBytes(loop.date.line(nowMs));
        if (keepAlive) {
            if (http10) {
                out.writeBytes(Responses.CONNECTION_KEEP_ALIVE);
            }
            out.writeBytes(Responses.CRLF);
            if (!head) {
                response.writeBody(out);
            }
            ctx.write(out, ctx.voidPromise());
        } else {
            closeRequested = true;
            out.writeBytes(Responses.CONNECTION_CLOSE);
            out.writeBytes(Responses.CRLF);
            if (!head) {
                response.writeBody(out);
            }
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void finish(ChannelHandlerContext ctx, ByteBuf out) {
        if (keepAlive) {
            if (http10) {
                out.writeBytes(Responses.CONNECTION_KEEP_ALIVE);
            }
            out.writeBytes(Responses.CRLF);
            ctx.write(out, ctx.voidPromise());
        } else {
            closeRequested = true;
            out.writeBytes(Responses.CONNECTION_CLOSE);
            out.writeBytes(Responses.CRLF);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes a prepared response with {@code Connection: close}, then closes; usable from the sweeper. */
    static void writePlainAndClose(Channel channel, Responses.Plain response, boolean head) {
        ByteBuf out = channel.alloc().ioBuffer(response.head.length + response.body.length + 32);
        response.writeHead(out);
        out.writeBytes(Responses.CONNECTION_CLOSE);
        out.writeBytes(Responses.CRLF);
        if (!head) {
            response.writeBody(out);
        }
        channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    private static Responses.Plain statusFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return Responses.URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Responses.HEADERS_TOO_LARGE;
        }
        if (cause instanceof TooLongFrameException) {
            return Responses.HEADERS_TOO_LARGE;
        }
        return Responses.BAD_REQUEST;
    }

    /** Slugs and partner ids: 1..64 of {@code [A-Za-z0-9_.-]}; anything else cannot be a configured link. */
    private static boolean isSegment(CharSequence uri, int start, int end) {
        if (end <= start || end - start > MAX_SEGMENT_CHARS) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int absoluteFormAuthority(CharSequence uri) {
        if (CharScan.regionMatchesIgnoreCase(uri, 0, "http://")) {
            return 7;
        }
        if (CharScan.regionMatchesIgnoreCase(uri, 0, "https://")) {
            return 8;
        }
        return -1;
    }

    private static int firstOf(CharSequence text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
