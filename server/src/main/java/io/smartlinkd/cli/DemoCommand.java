package io.smartlinkd.cli;

import io.smartlinkd.config.HostPort;
import io.smartlinkd.config.LinkConfig;
import io.smartlinkd.config.PartnerConfig;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.server.Server;
import io.smartlinkd.server.ServerOptions;
import java.nio.file.Path;
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
        return ServeCommand.serve(options, DemoCommand::printExamples);
    }

    private static void printExamples(Server server) {
        LinkSet links = server.linkSet();
        String base = "http://127.0.0.1:" + server.publicPort();
        StringBuilder out = new StringBuilder("\nsmartlinkd demo is up. Try:\n");
        int shown = 0;
        for (LinkConfig link : links.config().links()) {
            if (shown == 4) {
                break;
            }
            String host = link.domain();
            String path = "/" + link.slug();
            if (!link.partners().isEmpty()) {
                path += "/" + link.partners().get(0);
            } else if (!links.config().partners().isEmpty() && shown % 2 == 1) {
                PartnerConfig partner = links.config().partners().get(0);
                path += "/" + partner.id();
            }
            out.append("  curl -i -H 'Host: ").append(host).append("' '").append(base).append(path)
                    .append("?sub1=hello'   # ").append(link.name()).append('\n');
            shown++;
        }
        out.append("  curl -i ").append(base).append("/no-such-link            # unknown slug\n");
        out.append("  curl -s http://127.0.0.1:").append(server.adminPort()).append("/metrics   # counters\n");
        out.append("Edit ").append("config/demo/*.yaml and the server reloads; Ctrl-C stops it.\n");
        System.out.println(out);
    }
}
