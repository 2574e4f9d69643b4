package dev.zxport.sys;

import dev.zxport.interop.AbiCheck;
import dev.zxport.interop.CCompiler;
import dev.zxport.interop.HeaderFiles;
import dev.zxport.interop.IncludeList;
import dev.zxport.interop.IncludeList.Kind;
import dev.zxport.interop.ZirconStructs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated bindings against the system C compiler ({@code $CC}, else {@code cc}) over
 * {@code headers/}. Without a working compiler the check throws, so these tests fail rather than skip.
 */
class AbiConformanceTest {
    private static AbiCheck.Report report;
    private static IncludeList includes;

    @BeforeAll
    static void runCheck() {
        includes = IncludeList.load();
        report = AbiCheck.run(CCompiler.fromEnvironment(), HeaderFiles.includeDirectory());
    }

    @Test
    void bindingsMatchCompiler() {
        assertTrue(report.passed(), () -> report.mismatches().size() + " mismatches between the bindings and "
                + report.compiler() + ":\n  " + String.join("\n  ", report.mismatches()));
    }

    @Test
    void checkCoversEveryListedStruct() {
        int listed = includes.names(Kind.STRUCT).size() + includes.names(Kind.UNION).size();

        assertEquals(listed, report.structs());
    }

    @Test
    void checkCoversEveryListedConstant() {
        assertEquals(includes.names(Kind.CONSTANT).size(), report.constants());
    }

    @Test
    void checkCoversEveryFunctionAndPointer() {
        long functionPointers = ZirconStructs.all().stream()
                .flatMap(struct -> struct.memberTypes().values().stream())
                .filter(type -> type.contains("(*)"))
                .count();

        assertEquals(22, functionPointers, "function-pointer members (those of zxport_syscall_table_t)");
        assertEquals(includes.names(Kind.FUNCTION).size() + functionPointers, report.functions());
    }

    @Test
    void checkComparesNestedMembers() {
        // zx_port_packet_t has 3 header fields, 9 union members and 56 members below them, which are
        // checked again in their own structs (56), plus the 6 members of zx_info_handle_basic_t and
        // the 22 of zxport_syscall_table_t.
        assertTrue(report.offsets() >= 152, "offsets compared: " + report.offsets());
        assertEquals(report.sizes(), report.alignments());
    }
}
