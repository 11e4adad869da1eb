package io.smartlinkd.cli;

import picocli.CommandLine;

/** Version from the jar manifest, "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"smartlinkd " + (version == null ? "dev" : version)};
    }
}
