package io.smartlinkd.loader;

import io.smartlinkd.cli.LoadCommand;
import picocli.CommandLine;

/** Runs {@code load} as its own process for kill tests, until Main registers the command. */
public final class LoadProcess {
    private LoadProcess() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadCommand()).execute(args));
    }
}
