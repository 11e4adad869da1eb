package io.smartlinkd.report;

import java.util.List;

/** Renders report rows as an aligned table, CSV (RFC 4180) or a JSON array. */
public enum ReportFormat {
    TABLE, CSV, JSON;

    private static final String[] HEADER = {"key", "raw", "unique", "bot", "not_found", "lost", "codes", "orders",
        "revenue", "conversions", "payout", "epc", "cr"};

    public String render(List<ReportRow> rows) {
        switch (this) {
            case CSV:
                return csv(rows);
            case JSON:
                return json(rows);
            default:
                return table(rows);
        }
    }

    private static String[] cells(ReportRow row) {
        return new String[] {row.key(), Long.toString(row.rawClicks()), Long.toString(row.uniqueClicks()),
            Long.toString(row.botClicks()), Long.toString(row.notFound()), Long.toString(row.lostClicks()),
            Long.toString(row.codes()), Long.toString(row.orders()), row.revenue().toPlainString(),
            Long.toString(row.conversions()), row.payout().toPlainString(), row.epc().toPlainString(),
            row.cr().toPlainString()};
    }

    private static String table(List<ReportRow> rows) {
        int[] widths = new int[HEADER.length];
        List<String[]> all = new java.util.ArrayList<>();
        all.add(HEADER);
        rows.forEach(row -> all.add(cells(row)));
        for (String[] line : all) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : all) {
            for (int i = 0; i < line.length; i++) {
                String cell = line[i];
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(i == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String csv(List<ReportRow> rows) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (ReportRow row : rows) {
            String[] cells = cells(row);
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i];
                boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                        || cell.indexOf('\r') >= 0;
                out.append(i == 0 ? "" : ",").append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String json(List<ReportRow> rows) {
        StringBuilder out = new StringBuilder("[");
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = cells(rows.get(r));
            out.append(r == 0 ? "\n  {" : ",\n  {");
            for (int i = 0; i < cells.length; i++) {
                out.append(i == 0 ? "" : ", ").append('"').append(HEADER[i]).append("\": ");
                out.append(i == 0 ? quote(cells[i]) : cells[i]);
            }
            out.append('}');
        }
        return out.append(rows.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
