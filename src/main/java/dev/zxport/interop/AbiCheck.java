package dev.zxport.interop;

import dev.zxport.interop.CCompiler.CompilerException;
import dev.zxport.interop.CDeclarations.Aggregate;
import dev.zxport.interop.IncludeList.Kind;
import dev.zxport.interop.ProbeExpectation.ConstantValue;
import dev.zxport.interop.ProbeExpectation.FunctionSizes;
import dev.zxport.interop.ProbeExpectation.LayoutValues;
import dev.zxport.sys.ZirconConstants;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.UnionLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Cross-checks the jextract bindings against the system C compiler. It compiles a probe program
 * against the headers ({@code <zxport.h>}, so the Zircon headers and {@code <zxport/shim.h>}) that
 * prints, for every struct and union in {@code jextract/includes.txt}, its size and alignment and
 * the offset, size and alignment of every member at every depth (through anonymous unions and into
 * the union members of {@code zx_port_packet_t}). The probe also prints the size of every scalar
 * typedef, the value and width of every constant, and the return and parameter sizes of every
 * function and of every function-pointer member. Each is compared with the generated Java layouts,
 * the {@code zircon_h} constant accessors, the Java signatures of the downcall methods and those of
 * the upcall interfaces that jextract generates for function-pointer members.
 *
 * <p>Besides the numbers, the check compares names. The members that the preprocessed headers
 * declare must equal the members of the Java layouts. The include list must equal what
 * {@code dev.zxport.sys} contains. The C types in {@link ZirconStructs} must equal the declared
 * ones. Every difference becomes one line of {@link Report#mismatches()}, so one run lists all of them.
 */
public final class AbiCheck {
    private final IncludeList includes;
    private final List<CStruct> displayTypes;
    private final CDeclarations declarations;
    private final List<String> mismatches = new ArrayList<>();
    private final List<ProbeExpectation> expectations = new ArrayList<>();
    private final StringBuilder probe = new StringBuilder();
    private int structs;

    /**
     * The outcome of one check.
     *
     * @param compiler the first line of the compiler's {@code --version} output
     * @param mismatches one line per difference, naming the struct member, constant, typedef or
     *        function; empty when everything matches
     * @param structs structs and unions compared
     * @param sizes sizes compared (structs, members and scalar typedefs)
     * @param alignments alignments compared
     * @param offsets member offsets compared
     * @param constants constant values compared
     * @param functions signatures compared, of functions and of function-pointer members
     */
    public record Report(String compiler, List<String> mismatches, int structs, int sizes, int alignments,
                         int offsets, int constants, int functions) {
        public Report {
            mismatches = List.copyOf(mismatches);
        }

        /** Returns whether no mismatch was found. */
        public boolean passed() {
            return mismatches.isEmpty();
        }

        /**
         * Returns one line with the counts, such as
         * {@code "165 sizes, ... of 11 structs match cc (Debian 12.2.0-14+deb12u1) 12.2.0"}.
         */
        public String summary() {
            return sizes + " sizes, " + alignments + " alignments, " + offsets + " offsets, " + constants
                    + " constants and " + functions + " function signatures of " + structs + " structs "
                    + (passed() ? "match " : "checked against ") + compiler;
        }
    }

    private AbiCheck(IncludeList includes, List<CStruct> displayTypes, CDeclarations declarations) {
        this.includes = includes;
        this.displayTypes = List.copyOf(displayTypes);
        this.declarations = declarations;
    }

    /**
     * Checks the bindings against the headers in {@code includeDirectory}, using the packaged
     * include list and {@link ZirconStructs}.
     *
     * @throws CompilerException when the compiler is missing or fails, or the probe does not run
     */
    public static Report run(CCompiler compiler, Path includeDirectory) {
        return run(compiler, includeDirectory, IncludeList.load(), ZirconStructs.all());
    }

    /**
     * Checks the bindings against the headers in {@code includeDirectory}, with the given include
     * list and C type table.
     *
     * @throws CompilerException when the compiler is missing or fails, or the probe does not run
     */
    public static Report run(CCompiler compiler, Path includeDirectory, IncludeList includes,
                             List<CStruct> displayTypes) {
        String version = CProbe.compilerVersion(compiler);
        String preprocessed = compiler.run(List.of("-std=c11", "-E", "-P", "-I", includeDirectory.toString(),
                includeDirectory.resolve("zxport.h").toString())).orThrow().output();
        AbiCheck check = new AbiCheck(includes, displayTypes, CDeclarations.parse(preprocessed));
        check.checkStructs();
        check.checkTypedefs();
        check.checkConstants();
        check.checkFunctions();
        check.checkGeneratedSymbols();
        check.checkDisplayTypes();
        String output = CProbe.run(compiler, includeDirectory, check.probeSource());
        check.compare(output);
        return check.report(version);
    }

    private void checkStructs() {
        List<String> tags = new ArrayList<>(includes.names(Kind.STRUCT));
        tags.addAll(includes.names(Kind.UNION));
        for (String tag : tags) {
            Optional<GroupLayout> java = JavaBindings.generatedClass(tag).flatMap(JavaBindings::structLayout);
            Optional<Aggregate> c = declarations.aggregate(tag);
            String name = displayName(tag);
            if (java.isEmpty()) {
                mismatches.add(name + ": listed in includes.txt but " + JavaBindings.PACKAGE + "." + tag
                        + " has no layout(); regenerate the bindings");
                continue;
            }
            if (c.isEmpty()) {
                mismatches.add(name + ": listed in includes.txt but the headers do not define it");
                continue;
            }
            boolean javaUnion = java.get() instanceof UnionLayout;
            if (javaUnion != c.get().union()) {
                mismatches.add(name + ": C declares a " + c.get().keyword() + ", Java has a "
                        + (javaUnion ? "union" : "struct") + " layout");
            }
            structs++;
            checkStruct(name, c.get().keyword() + " " + tag, c.get(), java.get());
        }
    }

    private void checkStruct(String name, String cType, Aggregate c, GroupLayout java) {
        expect(new LayoutValues(name, java.byteSize(), java.byteAlignment(), -1),
                "sizeof(" + cType + "), __alignof__(" + cType + ")");
        Map<String, CMember> cMembers = new LinkedHashMap<>();
        flatten(c, "", cMembers);
        Map<String, LayoutMember> javaMembers = new LinkedHashMap<>();
        for (LayoutMember member : LayoutMember.flatten(LayoutMember.of(java))) {
            javaMembers.put(member.path(), member);
        }

        Predicate<String> own = ownPathFilter(cMembers);
        reportMissing(name, "the Java layout", cMembers.keySet(), javaMembers.keySet(), own);
        reportMissing(name, "the headers", javaMembers.keySet(), cMembers.keySet(), own);

        for (LayoutMember member : javaMembers.values()) {
            CMember cMember = cMembers.get(member.path());
            if (cMember == null) {
                continue;
            }
            List<Long> cLengths = cMember.arrayLengths().stream().map(Integer::longValue).toList();
            if (own.test(member.path()) && !cLengths.equals(member.arrayLengths())) {
                mismatches.add(name + "." + member.path() + ": array lengths C " + cLengths + ", Java "
                        + member.arrayLengths());
            }
            String label = name + "." + member.path();
            String access = "((" + cType + " *)0)->" + member.path();
            String offsetof = "offsetof(" + cType + ", " + member.path() + ")";
            expect(new LayoutValues(label, member.size(), member.alignment(), member.offset()),
                    "sizeof(" + access + "), __alignof__(" + access + "), " + offsetof);
            if (cMember.pointee() != null && own.test(member.path())) {
                checkFunctionPointer(label, c, cMember);
            }
        }
    }

    /**
     * Compares the signature of a function-pointer member with the upcall interface that jextract
     * generates for it. NOTE: a function pointer inside a struct defined in place is reported as
     * unsupported, because the headers have none and the name jextract gives its interface is unchecked.
     */
    private void checkFunctionPointer(String label, Aggregate owner, CMember member) {
        if (member.path().contains(".") || owner.tag() == null) {
            mismatches.add(label + ": function pointer in a nested struct, which the check does not support");
            return;
        }
        Optional<List<Long>> java = JavaBindings.functionPointerSizes(owner.tag(), member.path());
        if (java.isEmpty()) {
            mismatches.add(label + ": no upcall interface " + JavaBindings.PACKAGE + "." + owner.tag() + "."
                    + member.path() + ".Function with an apply method; regenerate the bindings");
            return;
        }
        expectSignature(label, member.pointee(), java.get());
    }

    /**
     * Lists the paths of {@code present} that {@code absentFrom} lacks. A member below a member
     * whose type is another listed struct is left to that struct's own check, and a member below a
     * missing member is not listed again.
     */
    private void reportMissing(String name, String absentFromLabel, Set<String> present, Set<String> absentFrom,
                               Predicate<String> own) {
        List<String> reported = new ArrayList<>();
        for (String path : new TreeSet<>(present)) {
            boolean belowReported = reported.stream().anyMatch(parent -> path.startsWith(parent + "."));
            if (own.test(path) && !absentFrom.contains(path) && !belowReported) {
                reported.add(path);
                mismatches.add(name + "." + path + ": missing in " + absentFromLabel);
            }
        }
    }

    /** Returns a filter that rejects paths below a member whose type is another listed struct. */
    private static Predicate<String> ownPathFilter(Map<String, CMember> cMembers) {
        List<String> boundaries = cMembers.values().stream().filter(CMember::listedType).map(CMember::path).toList();
        return path -> boundaries.stream().noneMatch(boundary -> path.startsWith(boundary + "."));
    }

    private void flatten(Aggregate aggregate, String prefix, Map<String, CMember> out) {
        for (CDeclarations.Member member : aggregate.members()) {
            if (member.name() == null) {
                flatten(member.body(), prefix, out);
                continue;
            }
            String path = prefix + member.name();
            Aggregate nested = member.body();
            if (nested == null && member.arrayLengths().isEmpty()) {
                nested = declarations.resolveAggregate(member.type()).orElse(null);
            }
            boolean listedType = member.body() == null && nested != null && nested.tag() != null
                    && (includes.contains(Kind.STRUCT, nested.tag()) || includes.contains(Kind.UNION, nested.tag()));
            out.put(path, new CMember(path, normalizeType(member.type()), member.arrayLengths(), listedType,
                    member.pointee()));
            if (nested != null) {
                flatten(nested, path + ".", out);
            }
        }
    }

    private void checkTypedefs() {
        for (String name : includes.names(Kind.TYPEDEF)) {
            Optional<CDeclarations.Typedef> c = declarations.typedef(name);
            if (c.isEmpty()) {
                mismatches.add("typedef " + name + ": listed in includes.txt but the headers do not declare it");
                continue;
            }
            String aliased = c.get().type();
            if (aliased.startsWith("struct ") || aliased.startsWith("union ")) {
                String tag = aliased.substring(aliased.indexOf(' ') + 1);
                Optional<Class<?>> java = JavaBindings.generatedClass(name);
                boolean extendsTag = java.isPresent() && java.get().getSuperclass() != null
                        && java.get().getSuperclass().getSimpleName().equals(tag);
                if (!extendsTag) {
                    mismatches.add("typedef " + name + ": expected class " + JavaBindings.PACKAGE + "." + name
                            + " extending " + tag);
                }
                continue;
            }
            Optional<MemoryLayout> java = JavaBindings.typedefLayout(name);
            if (java.isEmpty()) {
                mismatches.add("typedef " + name + ": listed in includes.txt but zircon_h has no layout field for it");
                continue;
            }
            MemoryLayout layout = java.get();
            expect(new LayoutValues("typedef " + name, layout.byteSize(), layout.byteAlignment(), -1),
                    "sizeof(" + name + "), __alignof__(" + name + ")");
        }
    }

    private void checkConstants() {
        Map<String, Method> accessors = ZirconConstants.accessors();
        for (String name : includes.names(Kind.CONSTANT)) {
            Method accessor = accessors.get(name);
            if (accessor == null) {
                mismatches.add("constant " + name + ": listed in includes.txt but zircon_h has no " + name + "()");
                continue;
            }
            expect(new ConstantValue(name, accessor.getReturnType(), invoke(accessor)), name);
        }
    }

    private void checkFunctions() {
        for (String name : includes.names(Kind.FUNCTION)) {
            Optional<List<Long>> java = JavaBindings.functionSizes(name);
            Optional<CDeclarations.Function> c = declarations.function(name);
            if (java.isEmpty() || c.isEmpty()) {
                mismatches.add("function " + name + ": listed in includes.txt but "
                        + (c.isEmpty() ? "the headers do not declare it" : "zircon_h has no method " + name));
                continue;
            }
            expectSignature("function " + name, c.get(), java.get());
        }
    }

    /**
     * Compares the parameter count of {@code c} with {@code javaSizes} (return size first) and, if
     * they agree, has the probe print the C sizes for comparison.
     */
    private void expectSignature(String label, CDeclarations.Function c, List<Long> javaSizes) {
        List<String> cParameters = c.parameterTypes();
        int javaParameters = javaSizes.size() - 1;
        if (cParameters.size() != javaParameters) {
            mismatches.add(label + ": C has " + cParameters.size() + " parameters, Java " + javaParameters);
            return;
        }
        List<String> cSizes = new ArrayList<>();
        cSizes.add(c.returnType().equals("void") ? "(size_t)0" : "sizeof(" + c.returnType() + ")");
        cParameters.forEach(type -> cSizes.add("sizeof(" + type + ")"));
        expect(new FunctionSizes(label, javaSizes), String.join(", ", cSizes));
    }

    /** Checks that dev.zxport.sys contains exactly the symbols of the include list, so no stale file survives. */
    private void checkGeneratedSymbols() {
        String hint = ": generated but not listed in includes.txt; regenerate the bindings";
        for (String name : ZirconConstants.accessors().keySet()) {
            if (!includes.contains(Kind.CONSTANT, name)) {
                mismatches.add("constant zircon_h." + name + "()" + hint);
            }
        }
        for (String name : JavaBindings.typedefNames()) {
            if (!includes.contains(Kind.TYPEDEF, name)) {
                mismatches.add("typedef zircon_h." + name + hint);
            }
        }
        for (String name : JavaBindings.functionNames()) {
            if (!includes.contains(Kind.FUNCTION, name)) {
                mismatches.add("function zircon_h." + name + hint);
            }
        }
        for (Class<?> type : JavaBindings.packageClasses()) {
            String name = type.getSimpleName();
            boolean struct = JavaBindings.structLayout(type).isPresent();
            Class<?> parent = type.getSuperclass();
            boolean typedef = !struct && parent != null && parent.getPackage() == type.getPackage()
                    && JavaBindings.structLayout(parent).isPresent();
            if (struct && !includes.contains(Kind.STRUCT, name) && !includes.contains(Kind.UNION, name)) {
                mismatches.add("struct " + JavaBindings.PACKAGE + "." + name + hint);
            }
            if (typedef && !includes.contains(Kind.TYPEDEF, name)) {
                mismatches.add("typedef " + JavaBindings.PACKAGE + "." + name + hint);
            }
        }
    }

    /** Compares the C type table of {@link ZirconStructs} with the declared member types. */
    private void checkDisplayTypes() {
        Set<String> covered = new TreeSet<>();
        for (CStruct struct : displayTypes) {
            covered.add(struct.tag());
            Optional<Aggregate> c = declarations.resolveAggregate(struct.typedefName());
            if (c.isEmpty() || !struct.tag().equals(c.get().tag())) {
                mismatches.add("C type table: " + struct.typedefName() + " is not a typedef of " + struct.tag()
                        + " in the headers");
                continue;
            }
            Map<String, CMember> cMembers = new LinkedHashMap<>();
            flatten(c.get(), "", cMembers);
            Predicate<String> own = ownPathFilter(cMembers);
            for (CMember member : cMembers.values()) {
                if (!own.test(member.path())) {
                    continue;
                }
                String tableType = struct.memberTypes().get(member.path());
                if (tableType == null) {
                    mismatches.add("C type table: " + struct.typedefName() + "." + member.path()
                            + " has no entry (the headers declare " + member.type() + ")");
                } else if (!tableType.equals(member.type())) {
                    mismatches.add("C type table: " + struct.typedefName() + "." + member.path() + " is "
                            + tableType + ", the headers declare " + member.type());
                }
            }
            for (String path : struct.memberTypes().keySet()) {
                if (!cMembers.containsKey(path) || !own.test(path)) {
                    mismatches.add("C type table: " + struct.typedefName() + "." + path
                            + " is not a member that the headers declare");
                }
            }
        }
        List<String> tags = new ArrayList<>(includes.names(Kind.STRUCT));
        tags.addAll(includes.names(Kind.UNION));
        for (String tag : tags) {
            if (!covered.contains(tag)) {
                mismatches.add("C type table: no entry for " + displayName(tag) + " in ZirconStructs");
            }
        }
    }

    private String displayName(String tag) {
        for (CStruct struct : displayTypes) {
            if (struct.tag().equals(tag)) {
                return struct.typedefName();
            }
        }
        return declarations.aggregate(tag).map(aggregate -> aggregate.keyword() + " " + tag).orElse(tag);
    }

    private void expect(ProbeExpectation expectation, String printfArguments) {
        int id = expectations.size();
        expectations.add(expectation);
        probe.append(expectation.probeStatement(id, printfArguments)).append('\n');
    }

    private String probeSource() {
        return """
                #include <stddef.h>
                #include <stdio.h>
                #include <zxport.h>

                int main(void) {
                %s    return 0;
                }
                """.formatted(probe.toString().indent(4));
    }

    private void compare(String output) {
        Map<Integer, String[]> lines = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            String[] words = line.strip().split("\\s+");
            if (words.length > 1 && words[0].matches("[0-9]+")) {
                lines.put(Integer.parseInt(words[0]), Arrays.copyOfRange(words, 1, words.length));
            }
        }
        for (int id = 0; id < expectations.size(); id++) {
            String[] values = lines.get(id);
            if (values == null) {
                mismatches.add(expectations.get(id).label() + ": the probe printed no value");
                continue;
            }
            expectations.get(id).compare(values, mismatches);
        }
    }

    private Report report(String version) {
        int sizes = 0;
        int alignments = 0;
        int offsets = 0;
        int constants = 0;
        int functions = 0;
        for (ProbeExpectation expectation : expectations) {
            switch (expectation) {
                case LayoutValues layout -> {
                    sizes++;
                    alignments++;
                    offsets += layout.offset() >= 0 ? 1 : 0;
                }
                case ConstantValue ignored -> constants++;
                case FunctionSizes ignored -> functions++;
            }
        }
        return new Report(version, mismatches, structs, sizes, alignments, offsets, constants, functions);
    }

    private static String normalizeType(String type) {
        // <stdbool.h> defines bool as a macro, so the preprocessed headers spell it _Bool.
        return type.replace("_Bool", "bool");
    }

    private static long invoke(Method accessor) {
        try {
            Object value = accessor.invoke(null);
            if (value instanceof Boolean flag) {
                return flag ? 1 : 0;
            }
            return ((Number) value).longValue();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read zircon_h." + accessor.getName() + "()", e);
        }
    }

    /**
     * A member as the preprocessed headers declare it; {@code listedType} is set when its type is
     * another struct or union of the include list, and {@code pointee} is the function that a
     * function-pointer member points to (null for other members).
     */
    private record CMember(String path, String type, List<Integer> arrayLengths, boolean listedType,
                           CDeclarations.Function pointee) {
    }
}
