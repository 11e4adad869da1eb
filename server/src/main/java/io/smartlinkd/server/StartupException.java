package io.smartlinkd.server;

/** The server cannot start; the message is the one line an operator needs. */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
