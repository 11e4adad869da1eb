package io.smartlinkd.floor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FloorServerTest {
    private static final String SHOES = "HTTP/1.1 302 Found\r\nLocation: https://shop.example.com/p/1?utm_source=x\r\n"
            + "Content-Length: 0\r\n\r\n";
    private static final String HATS = "HTTP/1.1 302 Found\r\nLocation: https://shop.example.com/p/2?utm_source=x\r\n"
            + "Content-Length: 0\r\n\r\n";
    private static final String NOT_FOUND = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void answersPipelinedAndSplitRequestsByPathAlone() throws Exception {
        Path slugs = Files.writeString(dir.resolve("slugs.tsv"),
                "shoes\thttps://shop.example.com/p/1?utm_source=x\nhats\thttps://shop.example.com/p/2?utm_source=x\n");
        try (FloorServer server = FloorServer.start(slugs, 0);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            // Two pipelined heads in one write: a query is not part of the path; then an unknown slug.
            send(out, "GET /hats?sub1=a HTTP/1.1\r\nHost: go\r\nUser-Agent: t\r\n\r\n"
                    + "GET /boots HTTP/1.1\r\nHost: go\r\n\r\n");
            assertEquals(HATS + NOT_FOUND, read(socket.getInputStream(), HATS.length() + NOT_FOUND.length()));
            // A head split across writes, the blank line arriving last.
            send(out, "GET /shoes HTTP/1.1\r\nHo");
            Thread.sleep(50);
            send(out, "st: go\r\n");
            Thread.sleep(50);
            send(out, "\r\n");
            assertEquals(SHOES, read(socket.getInputStream(), SHOES.length()));
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String read(InputStream in, int length) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (bytes.size() < length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
