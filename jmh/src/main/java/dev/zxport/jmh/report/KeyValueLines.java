package dev.zxport.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines of space-separated {@code key=value} pairs, the format that the C ring, the wake-up
 * harness and {@code run.sh} write. Lines without a {@code =} are skipped.
 */
final class KeyValueLines {
    private KeyValueLines() {
    }

    /** Reads every line of {@code file}; a missing file gives an empty list. */
    static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Map<String, String> pairs = parse(line);
            if (!pairs.isEmpty()) {
                lines.add(pairs);
            }
        }
        return lines;
    }

    /** Splits one line into its pairs, in order. */
    static Map<String, String> parse(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                pairs.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        return pairs;
    }

    /** Reads a file of {@code key=value} lines whose values may contain spaces, one pair per line. */
    static Map<String, String> readProperties(Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return properties;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                properties.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return properties;
    }
}
