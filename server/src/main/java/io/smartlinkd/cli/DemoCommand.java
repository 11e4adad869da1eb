package io.smartlinkd.cli;

import io.smartlinkd.config.Access;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.HostPort;
import io.smartlinkd.config.LinkConfig;
import io.smartlinkd.config.PartnerConfig;
import io.smartlinkd.server.Server;
import io.smartlinkd.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smartlinkd demo}: serves {@code config/demo} on 127.0.0.1:8080 and prints URLs to try. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Serve the demo config on 127.0.0.1:8080 and print example requests.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config/demo", description = "Default: ${DEFAULT-VALUE}.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/demo", description = "Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            defaultValue = "127.0.0.1:8080", description = "Default: ${DEFAULT-VALUE}.")
    HostPort listen;

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            defaultValue = "127.0.0.1:9090", description = "Default: ${DEFAULT-VALUE}.")
    HostPort admin;

    @Override
    public Integer call() {
        ServerOptions options = new ServerOptions(config, data, listen, admin, true);
        return ServeCommand.serve(options, this::printExamples);
    }

    /** The server keeps link records, not parsed links: the examples come from the demo's YAML, read again. */
    private void printExamples(Server server) {
        Config demo;
        try {
            demo = ConfigLoader.load(config);
        } catch (ConfigException e) {
            return;
        }
        String base = "http://127.0.0.1:" + server.publicPort();
        StringBuilder out = new StringBuilder("\nsmartlinkd demo is up. Try:\n");
        int shown = 0;
        for (LinkConfig link : demo.links()) {
            if (shown == 6) {
                break;
            }
            String partner = admittedPartner(link, demo.partners());
            String path = "/" + link.slug() + (partner == null ? "" : "/" + partner);
            out.append(String.format("  curl -si -H 'Host: %s' '%s%s?sub1=hello' | grep -i ^location   # %s%n",
                    link.domain(), base, path, link.name()));
            shown++;
        }
        out.append("  curl -si ").append(base).append("/no-such-link | head -1   # unknown slug\n");
        out.append("  curl -s http://127.0.0.1:").append(server.adminPort()).append("/metrics   # counters\n");
        out.append("Edit config/demo/*.yaml and the server reloads it; Ctrl-C stops it.\n");
        System.out.println(out);
    }

    /** A partner the link admits, to show attribution; null for public links without partners. */
    private static String admittedPartner(LinkConfig link, List<PartnerConfig> partners) {
        if (!link.partners().isEmpty()) {
            return link.partners().get(0);
        }
        for (PartnerConfig partner : partners) {
            if (partner.group() != null && link.partnerGroups().contains(partner.group())) {
                return partner.id();
            }
        }
        return link.access() == Access.PUBLIC && !partners.isEmpty() ? partners.get(partners.size() - 1).id() : null;
    }
}
