package io.smartlinkd.discount.shopify;

/**
 * How the provider waits between retries and polls. Injected so that tests of backoff and polling record the waits
 * instead of sleeping through them.
 */
@FunctionalInterface
public interface Sleeper {
    /** Really sleeps: {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = Thread::sleep;

    /** Waits about this long; returns early only by throwing when the thread is interrupted. */
    void sleep(long millis) throws InterruptedException;
}
