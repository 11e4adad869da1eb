package io.smartlinkd.http;

import io.netty.channel.EventLoop;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.clickid.ClickIdMinter;
import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.link.ByteRecord;
import io.smartlinkd.link.LinkRecordCache;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.visitor.ClientIp;
import io.smartlinkd.visitor.Visitor;
import io.smartlinkd.routing.RouteDecision;

/**
 * Everything one event loop reuses across requests, so that answering a click allocates nothing of ours.
 * Confined to its event loop.
 */
final class LoopContext {
    static final int CLICK_ID_CHARS = 36;
    /** Link records each loop keeps at hand: about 600 KiB; with Zipf-like traffic most clicks hit. */
    static final int LINK_CACHE_SLOTS = 1024;

    final ByteRecord key = new ByteRecord(80);
    /** The hot links' records, in front of the generation's Chronicle Map table. */
    final LinkRecordCache links = new LinkRecordCache(LINK_CACHE_SLOTS);
    final LinkView view = new LinkView();
    final ClickIdMinter minter;
    final byte[] clickId = new byte[CLICK_ID_CHARS];
    final RequestMacros macros = new RequestMacros();
    final HttpDate date = new HttpDate();
    final ClickDraft draft = new ClickDraft();
    final RequestFacts facts = new RequestFacts();
    final VisitClassification visit = new VisitClassification();
    final RouteDecision route = new RouteDecision();
    final io.smartlinkd.discount.CodeIssuer codes = new io.smartlinkd.discount.CodeIssuer();
    final ConnectionSweeper sweeper;
    /** The current request's client address (after trusted proxies); geo lookups read {@code ip()}/{@code length()}. */
    final ClientIp client;
    /** The current request's visitor: cookie, visit count, unique flag. */
    final Visitor visitor;
    /** Scratch for the client address in its journaled privacy form. */
    final byte[] recordedIp = new byte[16];
    /** The request being answered, filled by each connection's {@link ClickRequestDecoder}. */
    final ClickRequest request;

    LoopContext(EventLoop loop, ServerState server, int nodeId, ClickIdKey key, int minterIndex) {
        this.minter = new ClickIdMinter(key, nodeId, minterIndex);
        this.sweeper = new ConnectionSweeper(loop, server.limits().headerTimeoutMs(), server.limits().idleTimeoutMs(),
                server);
        this.client = new ClientIp(server.trustedProxies());
        this.visitor = server.visitors().newVisitor();
        this.request = new ClickRequest(ClickRequestDecoder.headCapacity(server.limits().maxRequestLineBytes(),
                server.limits().maxHeaderBytes()));
        macros.visit(visit);
    }

    int openConnections() {
        return sweeper.size();
    }
}
