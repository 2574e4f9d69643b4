package dev.zxport.jmh.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark-and-parameter entry of a JMH JSON result file ({@code -rf json}), with the raw
 * per-fork, per-iteration data that the report summarises.
 *
 * @param benchmark the class's simple name and the method or group, e.g. {@code Throughput1P1C.tput}
 * @param impl      the {@code impl} parameter, or {@code ""} when the benchmark has none
 * @param forks     the number of forks that produced data
 */
record JmhRun(String benchmark, String impl, String mode, int forks, JsonObject primary, JsonObject secondaries) {

    /** Reads every entry of a JMH JSON file; a missing file gives an empty list. */
    static List<JmhRun> read(Path file) throws IOException {
        List<JmhRun> runs = new ArrayList<>();
        if (!Files.exists(file)) {
            return runs;
        }
        JsonArray entries = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonArray();
        for (JsonElement element : entries) {
            JsonObject entry = element.getAsJsonObject();
            String fullName = entry.get("benchmark").getAsString();
            String[] parts = fullName.split("\\.");
            String benchmark = parts[parts.length - 2] + "." + parts[parts.length - 1];
            String impl = "";
            if (entry.has("params") && entry.getAsJsonObject("params").has("impl")) {
                impl = entry.getAsJsonObject("params").get("impl").getAsString();
            }
            JsonObject secondaries = entry.has("secondaryMetrics") ? entry.getAsJsonObject("secondaryMetrics") : new JsonObject();
            runs.add(new JmhRun(benchmark, impl, entry.get("mode").getAsString(), entry.get("forks").getAsInt(),
                    entry.getAsJsonObject("primaryMetric"), secondaries));
        }
        return runs;
    }

    /** Returns every measured iteration of the primary metric, all forks together. */
    double[] primaryValues() {
        return flatten(primary.getAsJsonArray("rawData"));
    }

    /** Returns every measured iteration of a secondary metric, or an empty array when it is absent. */
    double[] secondaryValues(String name) {
        if (!secondaries.has(name)) {
            return new double[0];
        }
        JsonObject metric = secondaries.getAsJsonObject(name);
        if (!metric.has("rawData")) {
            return new double[0];
        }
        return flatten(metric.getAsJsonArray("rawData"));
    }

    /**
     * Returns the sampled latencies of each measured iteration (all forks) as
     * {@code [value, count]} pairs, from {@code rawDataHistogram}; empty for other modes.
     */
    List<double[][]> iterationHistograms() {
        List<double[][]> iterations = new ArrayList<>();
        if (!primary.has("rawDataHistogram")) {
            return iterations;
        }
        for (JsonElement fork : primary.getAsJsonArray("rawDataHistogram")) {
            for (JsonElement iteration : fork.getAsJsonArray()) {
                JsonArray pairs = iteration.getAsJsonArray();
                double[][] histogram = new double[pairs.size()][];
                for (int i = 0; i < pairs.size(); i++) {
                    JsonArray pair = pairs.get(i).getAsJsonArray();
                    histogram[i] = new double[] {pair.get(0).getAsDouble(), pair.get(1).getAsDouble()};
                }
                iterations.add(histogram);
            }
        }
        return iterations;
    }

    private static double[] flatten(JsonArray forks) {
        List<Double> values = new ArrayList<>();
        for (JsonElement fork : forks) {
            for (JsonElement value : fork.getAsJsonArray()) {
                values.add(value.getAsDouble());
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
