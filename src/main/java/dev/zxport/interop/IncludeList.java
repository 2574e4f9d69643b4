package dev.zxport.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The symbols that jextract was asked to generate: the {@code --include-*} lines of
 * {@code jextract/includes.txt}, which the build also packages as the resource
 * {@code /zxport/jextract/includes.txt}.
 *
 * @param entries the symbols in file order
 * @param headers the header that declares each symbol, from the {@code # header: PATH} comment
 *        that {@code jextract --dump-includes} writes after each line ({@code headers/zircon/errors.h});
 *        symbols whose line has no such comment are absent
 */
public record IncludeList(List<Entry> entries, Map<Entry, String> headers) {
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

    private static final String HEADER_COMMENT = "header:";

    public IncludeList {
        entries = List.copyOf(entries);
        headers = Map.copyOf(headers);
    }

    /** Creates a list without header provenance. */
    public IncludeList(List<Entry> entries) {
        this(entries, Map.of());
    }

    /**
     * Returns the header that declares the symbol, as the provenance comment names it
     * ({@code headers/zxport/shim.h}), or empty when the symbol is not listed or has no comment.
     */
    public Optional<String> header(Kind kind, String name) {
        return Optional.ofNullable(headers.get(new Entry(kind, name)));
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
     * Parses the text of an includes file. Blank lines and {@code #} comments are ignored, except a
     * {@code # header: PATH} comment after an entry, which sets the header of that entry.
     *
     * @throws IllegalArgumentException on a line that is not {@code --include-<kind> NAME}
     */
    public static IncludeList parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Map<Entry, String> headers = new HashMap<>();
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
            Entry entry = new Entry(kind, words[1]);
            entries.add(entry);
            String trailing = comment >= 0 ? line.substring(comment + 1).strip() : "";
            if (trailing.startsWith(HEADER_COMMENT)) {
                headers.put(entry, trailing.substring(HEADER_COMMENT.length()).strip());
            }
        }
        return new IncludeList(entries, headers);
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
