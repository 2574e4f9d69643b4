package dev.zxport.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The struct, union, typedef and function declarations of preprocessed C source (the output of
 * {@code cc -E -P}), as far as the ABI check needs them: member names, their declared types and
 * array lengths, and function parameter types.
 *
 * <p>This is a small declaration reader for header-style C, not a C parser. It skips what it does
 * not recognise (variables, {@code __attribute__} and {@code __asm__} clauses), does not evaluate
 * expressions, and reads a parameter written as a single word as an unnamed type. A member may be
 * a function pointer ({@code ret (*name)(params)}). It rejects members with several declarators
 * ({@code int a, b;}) and other declarators with parentheses, such as arrays of function pointers,
 * which the headers do not use.
 */
public final class CDeclarations {
    private static final Set<String> IGNORED_WORDS = Set.of("__extension__", "__restrict", "__restrict__",
            "__inline", "__inline__", "inline", "extern", "static");

    private final Map<String, Aggregate> aggregatesByTag = new LinkedHashMap<>();
    private final Map<String, Typedef> typedefs = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();

    /**
     * A struct or union body.
     *
     * @param union whether it is a union
     * @param tag the tag, or null for an anonymous struct or union
     * @param members the members in declaration order
     */
    public record Aggregate(boolean union, String tag, List<Member> members) {
        public Aggregate {
            members = List.copyOf(members);
        }

        /** Returns {@code "struct"} or {@code "union"}. */
        public String keyword() {
            return union ? "union" : "struct";
        }
    }

    /**
     * One member of a struct or union.
     *
     * @param name the member name, or null for an anonymous struct or union member
     * @param type the declared type with single spaces ({@code "zx_gpaddr_t"}, {@code "_Bool"});
     *        for a member whose struct or union is defined in place, {@code "struct"} or
     *        {@code "union"} followed by the tag if it has one; for a function pointer, the type
     *        without the name, as jextract prints it ({@code "zx_status_t (*)(uint32_t, zx_handle_t *)"})
     * @param arrayLengths the array lengths, outermost first; -1 for a length that is not a plain number
     * @param body the struct or union defined in place, or null
     * @param pointee for a function pointer, the function it points to, named after the member;
     *        null for other members
     */
    public record Member(String name, String type, List<Integer> arrayLengths, Aggregate body, Function pointee) {
        public Member {
            arrayLengths = List.copyOf(arrayLengths);
        }
    }

    /**
     * A typedef.
     *
     * @param name the new type name
     * @param type the aliased type, such as {@code "uint32_t"} or {@code "struct zx_port_packet"}
     * @param body the struct or union defined in the typedef, or null
     */
    public record Typedef(String name, String type, Aggregate body) {
    }

    /**
     * A function prototype.
     *
     * @param name the function name
     * @param returnType the return type
     * @param parameterTypes the parameter types without parameter names; empty for {@code (void)}
     */
    public record Function(String name, String returnType, List<String> parameterTypes) {
        public Function {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    private CDeclarations() {
    }

    /**
     * Reads the declarations of preprocessed C source.
     *
     * @throws IllegalArgumentException on a struct or union member that this reader cannot split
     */
    public static CDeclarations parse(String preprocessedSource) {
        CDeclarations declarations = new CDeclarations();
        List<String> tokens = tokenize(preprocessedSource);
        for (List<String> declaration : split(tokens, 0, tokens.size())) {
            declarations.readTopLevel(declaration);
        }
        return declarations;
    }

    /** Returns the struct or union with {@code tag}. */
    public Optional<Aggregate> aggregate(String tag) {
        return Optional.ofNullable(aggregatesByTag.get(tag));
    }

    /** Returns the typedef named {@code name}. */
    public Optional<Typedef> typedef(String name) {
        return Optional.ofNullable(typedefs.get(name));
    }

    /** Returns the function named {@code name}. */
    public Optional<Function> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /**
     * Returns the struct or union that a type name denotes, following typedefs: a typedef name,
     * {@code "struct TAG"} or {@code "union TAG"}.
     */
    public Optional<Aggregate> resolveAggregate(String type) {
        String current = type;
        for (int depth = 0; depth < 32; depth++) {
            if (current.startsWith("struct ") || current.startsWith("union ")) {
                return aggregate(current.substring(current.indexOf(' ') + 1));
            }
            Typedef typedef = typedefs.get(current);
            if (typedef == null) {
                return Optional.empty();
            }
            if (typedef.body() != null) {
                return Optional.of(typedef.body());
            }
            current = typedef.type();
        }
        return Optional.empty();
    }

    private void readTopLevel(List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        if (tokens.getFirst().equals("typedef")) {
            readTypedef(tokens.subList(1, tokens.size()));
        } else if (isAggregateKeyword(tokens.getFirst()) && tokens.contains("{")) {
            readAggregate(tokens, 0);
        } else if (tokens.contains("(") && tokens.getLast().equals(")")) {
            readFunction(tokens);
        }
    }

    private void readTypedef(List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        if (isAggregateKeyword(tokens.getFirst()) && tokens.contains("{")) {
            int close = matching(tokens, tokens.indexOf("{"));
            Aggregate body = readAggregate(tokens, 0);
            List<String> declarator = tokens.subList(close + 1, tokens.size());
            if (declarator.size() == 1 && isIdentifier(declarator.getFirst())) {
                String aliased = body.keyword() + (body.tag() != null ? " " + body.tag() : "");
                typedefs.put(declarator.getFirst(), new Typedef(declarator.getFirst(), aliased, body));
            }
            return;
        }
        if (tokens.contains("(") || tokens.contains("[") || tokens.size() < 2) {
            return;
        }
        String name = tokens.getLast();
        typedefs.put(name, new Typedef(name, join(tokens.subList(0, tokens.size() - 1)), null));
    }

    /** Reads {@code struct|union [TAG] { ... }} starting at {@code start}, and registers a tagged one. */
    private Aggregate readAggregate(List<String> tokens, int start) {
        boolean union = tokens.get(start).equals("union");
        int open = start + 1;
        String tag = null;
        if (isIdentifier(tokens.get(open))) {
            tag = tokens.get(open);
            open++;
        }
        if (!tokens.get(open).equals("{")) {
            throw new IllegalArgumentException("expected '{' after " + join(tokens.subList(start, open)));
        }
        int close = matching(tokens, open);
        List<Member> members = new ArrayList<>();
        for (List<String> member : split(tokens, open + 1, close)) {
            if (!member.isEmpty()) {
                members.add(readMember(member));
            }
        }
        Aggregate aggregate = new Aggregate(union, tag, members);
        if (tag != null) {
            aggregatesByTag.put(tag, aggregate);
        }
        return aggregate;
    }

    private Member readMember(List<String> tokens) {
        if (isAggregateKeyword(tokens.getFirst()) && tokens.contains("{")) {
            Aggregate body = readAggregate(tokens, 0);
            int close = matching(tokens, tokens.indexOf("{"));
            List<String> declarator = tokens.subList(close + 1, tokens.size());
            String type = body.keyword() + (body.tag() != null ? " " + body.tag() : "");
            if (declarator.isEmpty()) {
                return new Member(null, type, List.of(), body, null);
            }
            return new Member(declarator.getFirst(), type, arrayLengths(declarator, 1), body, null);
        }
        if (isFunctionPointer(tokens)) {
            return readFunctionPointer(tokens);
        }
        if (tokens.contains(",")) {
            throw new IllegalArgumentException("member with several declarators is not supported: " + join(tokens));
        }
        if (tokens.contains("(")) {
            throw new IllegalArgumentException("member declarator is not supported (expected NAME, NAME[N] or "
                    + "(*NAME)(PARAMETERS)): " + join(tokens));
        }
        int nameIndex = tokens.contains("[") ? tokens.indexOf("[") - 1 : tokens.size() - 1;
        if (nameIndex < 1 || !isIdentifier(tokens.get(nameIndex))) {
            throw new IllegalArgumentException("cannot find the member name in: " + join(tokens));
        }
        return new Member(tokens.get(nameIndex), join(tokens.subList(0, nameIndex)),
                arrayLengths(tokens, nameIndex + 1), null, null);
    }

    /**
     * Returns whether a member is exactly {@code RET ( * NAME ) ( PARAMS )}: one function-pointer
     * declarator, with nothing after the parameter list.
     */
    private static boolean isFunctionPointer(List<String> tokens) {
        int open = tokens.indexOf("(");
        if (open < 1 || open + 4 >= tokens.size()) {
            return false;
        }
        boolean declarator = tokens.get(open + 1).equals("*") && isIdentifier(tokens.get(open + 2))
                && tokens.get(open + 3).equals(")") && tokens.get(open + 4).equals("(");
        return declarator && matching(tokens, open + 4) == tokens.size() - 1;
    }

    private static Member readFunctionPointer(List<String> tokens) {
        int open = tokens.indexOf("(");
        String name = tokens.get(open + 2);
        String returnType = join(tokens.subList(0, open));
        List<String> declared = parameterList(tokens, open + 4);
        String separator = returnType.endsWith("*") ? "" : " ";
        String type = returnType + separator + "(*)(" + String.join(", ", declared) + ")";
        return new Member(name, type, List.of(), null, new Function(name, returnType, withoutVoid(declared)));
    }

    private void readFunction(List<String> tokens) {
        int open = tokens.indexOf("(");
        if (open < 2 || !isIdentifier(tokens.get(open - 1)) || matching(tokens, open) != tokens.size() - 1) {
            return;
        }
        String name = tokens.get(open - 1);
        List<String> parameters = withoutVoid(parameterList(tokens, open));
        functions.put(name, new Function(name, join(tokens.subList(0, open - 1)), parameters));
    }

    /**
     * Returns the parameter types of the list that opens at {@code open} and ends at the matching
     * ')', as declared: {@code (void)} gives {@code ["void"]}.
     */
    private static List<String> parameterList(List<String> tokens, int open) {
        int close = matching(tokens, open);
        List<String> parameters = new ArrayList<>();
        int depth = 0;
        int begin = open + 1;
        for (int i = open + 1; i <= close; i++) {
            String token = tokens.get(i);
            if ((token.equals("(") || token.equals("[")) && i < close) {
                depth++;
            } else if ((token.equals(")") || token.equals("]")) && depth > 0) {
                depth--;
            } else if ((token.equals(",") && depth == 0) || i == close) {
                List<String> parameter = tokens.subList(begin, i);
                if (!parameter.isEmpty()) {
                    parameters.add(parameterType(parameter));
                }
                begin = i + 1;
            }
        }
        return parameters;
    }

    private static List<String> withoutVoid(List<String> parameters) {
        return parameters.equals(List.of("void")) ? List.of() : parameters;
    }

    /** Drops the parameter name: the last word, unless the parameter is a single word. */
    private static String parameterType(List<String> parameter) {
        String last = parameter.getLast();
        boolean named = parameter.size() > 1 && isIdentifier(last) && !last.equals("const");
        return join(named ? parameter.subList(0, parameter.size() - 1) : parameter);
    }

    private static List<Integer> arrayLengths(List<String> tokens, int from) {
        List<Integer> lengths = new ArrayList<>();
        int i = from;
        while (i < tokens.size() && tokens.get(i).equals("[")) {
            int close = tokens.subList(i, tokens.size()).indexOf("]") + i;
            if (close < i) {
                throw new IllegalArgumentException("unclosed '[' in: " + join(tokens));
            }
            List<String> length = tokens.subList(i + 1, close);
            lengths.add(length.size() == 1 && length.getFirst().matches("[0-9]+[uUlL]*")
                    ? Integer.parseInt(length.getFirst().replaceAll("[uUlL]", "")) : -1);
            i = close + 1;
        }
        return lengths;
    }

    /**
     * Splits tokens[from, to) at every ';' outside braces and parentheses, and after the body of a
     * function definition (a '{' that follows ')'), which has no ';'. Function definitions, such as
     * the static inline helpers of time.h, are dropped.
     */
    private static List<List<String>> split(List<String> tokens, int from, int to) {
        List<List<String>> parts = new ArrayList<>();
        int depth = 0;
        int begin = from;
        boolean functionBody = false;
        for (int i = from; i < to; i++) {
            String token = tokens.get(i);
            if (token.equals("{") || token.equals("(")) {
                if (token.equals("{") && depth == 0 && i > from && tokens.get(i - 1).equals(")")) {
                    functionBody = true;
                }
                depth++;
            } else if (token.equals("}") || token.equals(")")) {
                depth--;
                if (depth == 0 && functionBody) {
                    functionBody = false;
                    begin = i + 1;
                }
            } else if (token.equals(";") && depth == 0) {
                parts.add(tokens.subList(begin, i));
                begin = i + 1;
            }
        }
        return parts;
    }

    private static int matching(List<String> tokens, int open) {
        String opening = tokens.get(open);
        String closing = switch (opening) {
            case "{" -> "}";
            case "(" -> ")";
            default -> throw new IllegalArgumentException("not an opening bracket: " + opening);
        };
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals(opening)) {
                depth++;
            } else if (tokens.get(i).equals(closing) && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '" + opening + "' in: " + join(tokens));
    }

    /**
     * Splits source into identifiers, numbers and single punctuation characters. Preprocessor
     * lines, string and character literals, and {@code __attribute__((...))} and
     * {@code __asm__(...)} clauses are dropped.
     */
    static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int length = source.length();
        boolean lineStart = true;
        while (i < length) {
            char c = source.charAt(i);
            if (c == '\n') {
                lineStart = true;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' && lineStart) {
                while (i < length && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                i = skipLiteral(source, i);
                lineStart = false;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'
                        || (Character.isDigit(source.charAt(start)) && source.charAt(i) == '.'))) {
                    i++;
                }
                tokens.add(source.substring(start, i));
                lineStart = false;
            } else {
                tokens.add(String.valueOf(c));
                i++;
                lineStart = false;
            }
        }
        return dropExtensions(tokens);
    }

    private static int skipLiteral(String source, int start) {
        char quote = source.charAt(start);
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static List<String> dropExtensions(List<String> tokens) {
        List<String> remaining = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (IGNORED_WORDS.contains(token)) {
                continue;
            }
            boolean clause = token.equals("__attribute__") || token.equals("__asm__") || token.equals("__asm");
            if (clause && i + 1 < tokens.size() && tokens.get(i + 1).equals("(")) {
                int depth = 0;
                int j = i + 1;
                do {
                    if (tokens.get(j).equals("(")) {
                        depth++;
                    } else if (tokens.get(j).equals(")")) {
                        depth--;
                    }
                    j++;
                } while (depth > 0 && j < tokens.size());
                i = j - 1;
                continue;
            }
            remaining.add(token);
        }
        return remaining;
    }

    private static boolean isAggregateKeyword(String token) {
        return token.equals("struct") || token.equals("union");
    }

    private static boolean isIdentifier(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
    }

    /** Joins type tokens with single spaces, writing pointers as {@code "char *"}. */
    private static String join(List<String> tokens) {
        return String.join(" ", tokens).replace("* ", "*");
    }
}
