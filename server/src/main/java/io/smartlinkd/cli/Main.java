package io.smartlinkd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code smartlinkd} — the command line: serve, demo, check, load, report. */
@Command(name = "smartlinkd",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Self-hosted smart-link redirect server.",
        subcommands = {ServeCommand.class, DemoCommand.class, CheckCommand.class, ExplainCommand.class, LoadCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
