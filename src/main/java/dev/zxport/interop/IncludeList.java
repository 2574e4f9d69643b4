package dev.zxport.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The symbols that jextract was asked to generate: the {@code --include-*} lines of
 * {@code jextract/includes.txt}, which the build also packages as the resource
 * {@code /zxport/jextract/includes.txt}.
 *
 * @param entries the symbols in file order
 */
public record IncludeList(List<Entry> entries) {
    /** Path of the packaged copy of {@code jextract/includes.txt}. */
    public static final String RESOURCE = "/zxport/jextract/includes.txt";

    /** The kind of symbol, named after the jextract option that selects it. */
    public enum Kind {
        CONSTANT("--include-constant"),
        FUNCTION("--include-function"),
        STRUCT("--include-struct"),
        UNION("--include-union"),
        TYPEDEF("--include-typedef"),
        VARIABLE("--include-var");

        private final String option;

        Kind(String option) {
            this.option = option;
        }

        /** Returns the jextract option, such as {@code --include-constant}. */
        public String option() {
            return option;
        }
    }

    /** One {@code --include-*} line: the kind and the C name of the symbol. */
    public record Entry(Kind kind, String name) {
    }

    public IncludeList {
        entries = List.copyOf(entries);
    }

    /** Returns the names of the given kind, in file order. */
    public List<String> names(Kind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).map(Entry::name).toList();
    }

    /** Returns whether {@code name} is listed with the given kind. */
    public boolean contains(Kind kind, String name) {
        return entries.contains(new Entry(kind, name));
    }

    /**
     * Parses the text of an includes file. Blank lines and {@code #} comments are ignored.
     *
     * @throws IllegalArgumentException on a line that is not {@code --include-<kind> NAME}
     */
    public static IncludeList parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] words = content.split("\\s+");
            Kind kind = words.length == 2 ? kindOf(words[0]) : null;
            if (kind == null) {
                throw new IllegalArgumentException("invalid includes line " + number
                        + " (expected '--include-<kind> NAME'): " + line);
            }
            entries.add(new Entry(kind, words[1]));
        }
        return new IncludeList(entries);
    }

    /**
     * Returns the packaged copy of {@code jextract/includes.txt}.
     *
     * @throws UncheckedIOException when the resource is missing, which means the jar was not built
     *         by the project's pom
     */
    public static IncludeList load() {
        try (InputStream in = IncludeList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " is missing; rebuild zxport with ./mvnw package");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jextract include list", e);
        }
    }

    private static Kind kindOf(String option) {
        for (Kind kind : Kind.values()) {
            if (kind.option.equals(option)) {
                return kind;
            }
        }
        return null;
    }
}
