package io.smartlinkd.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One per event loop: every tick it closes that loop's connections whose request headers are overdue (slow
 * clients, answered 408) or that sat idle too long. A periodic sweep costs nothing per request, unlike a timer
 * scheduled and cancelled for every request. Confined to its event loop.
 */
final class ConnectionSweeper implements Runnable {
    private final List<ConnectionState> connections = new ArrayList<>();
    private final long headerTimeoutNanos;
    private final long idleTimeoutNanos;
    private final ServerState serverState;

    ConnectionSweeper(EventLoop loop, long headerTimeoutMs, long idleTimeoutMs, ServerState serverState) {
        this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMs);
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
        this.serverState = serverState;
        long tickMs = Math.max(20, Math.min(1000, Math.min(headerTimeoutMs, idleTimeoutMs) / 5));
        loop.scheduleAtFixedRate(this, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    void add(ConnectionState state) {
        state.slot = connections.size();
        connections.add(state);
    }

    void remove(ConnectionState state) {
        int slot = state.slot;
        if (slot < 0) {
            return;
        }
        ConnectionState last = connections.remove(connections.size() - 1);
        if (last != state) {
            connections.set(slot, last);
            last.slot = slot;
        }
        state.slot = -1;
    }

    int size() {
        return connections.size();
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        boolean closing = serverState.closing();
        for (int i = connections.size() - 1; i >= 0; i--) {
            ConnectionState state = connections.get(i);
            if (state.requestStartNanos != 0) {
                if (now - state.requestStartNanos > headerTimeoutNanos) {
                    state.requestStartNanos = 0;
                    ClickHandler.writePlainAndClose(state.channel, Responses.REQUEST_TIMEOUT, false);
                }
            } else if (closing || now - state.lastActiveNanos > idleTimeoutNanos) {
                state.channel.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }
}
