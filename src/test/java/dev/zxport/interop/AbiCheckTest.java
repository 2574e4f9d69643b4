package dev.zxport.interop;

import dev.zxport.interop.CCompiler.CompilerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AbiCheck against copies of the headers with one deliberate change each. */
class AbiCheckTest {
    @TempDir
    Path temporary;

    /** Copies headers/ and replaces {@code from} by {@code to} in {@code file}, which must contain it. */
    private Path headersWith(String file, String from, String to) throws IOException {
        Path source = HeaderFiles.includeDirectory();
        Path copy = temporary.resolve("headers");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        Path header = copy.resolve(file);
        String text = Files.readString(header);
        assertTrue(text.contains(from), file + " does not contain: " + from);
        Files.writeString(header, text.replace(from, to));
        return copy;
    }

    private static List<String> mismatches(Path includeDirectory) {
        return AbiCheck.run(CCompiler.fromEnvironment(), includeDirectory).mismatches();
    }

    private static void assertReported(List<String> mismatches, String expected) {
        assertTrue(mismatches.contains(expected), "expected '" + expected + "' in:\n  " + String.join("\n  ", mismatches));
    }

    @Test
    void widenedMemberShiftsLaterOffsets() throws IOException {
        Path headers = headersWith("zircon/syscalls/port.h", "  uint16_t command;", "  uint32_t command;");

        List<String> mismatches = mismatches(headers);

        assertReported(mismatches, "zx_packet_page_request_t.command: size C 4, Java 2");
        assertReported(mismatches, "zx_packet_page_request_t.flags: offset C 4, Java 2");
        assertReported(mismatches, "zx_port_packet_t.page_request.flags: offset C 20, Java 18");
        assertReported(mismatches, "zx_port_packet_t: size C 56, Java 48");
        assertReported(mismatches, "C type table: zx_packet_page_request_t.command is uint16_t, the headers declare uint32_t");
    }

    @Test
    void addedMemberIsMissingInJava() throws IOException {
        Path headers = headersWith("zircon/syscalls/port.h", "  uint8_t reserved[6];",
                "  uint8_t reserved[5];\n  uint8_t extra;");

        List<String> mismatches = mismatches(headers);

        assertReported(mismatches, "zx_packet_guest_mem_t.extra: missing in the Java layout");
        assertReported(mismatches, "zx_packet_guest_mem_t.reserved: array lengths C [5], Java [6]");
        assertReported(mismatches, "zx_packet_guest_mem_t.reserved: size C 5, Java 6");
    }

    @Test
    void removedMemberIsMissingInHeaders() throws IOException {
        Path headers = headersWith("zircon/syscalls/port.h", "  uint64_t reserved1;\n} zx_packet_signal_t;",
                "} zx_packet_signal_t;");

        List<String> mismatches = mismatches(headers);

        assertReported(mismatches, "zx_packet_signal_t.reserved1: missing in the headers");
        assertReported(mismatches, "zx_packet_signal_t: size C 24, Java 32");
    }

    @Test
    void nestedAnonymousMemberIsCompared() throws IOException {
        Path headers = headersWith("zircon/syscalls/port.h", "      uint64_t mask;\n      uint8_t vector;",
                "      uint64_t mask;\n      uint8_t spare;\n      uint8_t vector;");

        List<String> mismatches = mismatches(headers);

        assertReported(mismatches, "zx_packet_guest_vcpu_t.interrupt.spare: missing in the Java layout");
        assertReported(mismatches, "zx_packet_guest_vcpu_t.interrupt.vector: offset C 17, Java 16");
        assertReported(mismatches, "zx_port_packet_t.guest_vcpu.interrupt.vector: offset C 33, Java 32");
    }

    @Test
    void changedConstantValueIsReported() throws IOException {
        Path headers = headersWith("zircon/errors.h", "#define ZX_ERR_SHOULD_WAIT (-22)", "#define ZX_ERR_SHOULD_WAIT (-23)");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of("constant ZX_ERR_SHOULD_WAIT: value C -23 (0xffffffe9), Java -22 (0xffffffea)"), mismatches);
    }

    @Test
    void widenedConstantTypeIsReported() throws IOException {
        Path headers = headersWith("zircon/syscalls/port.h", "#define ZX_PAGER_VMO_DIRTY ((uint16_t)2u)",
                "#define ZX_PAGER_VMO_DIRTY ((uint32_t)2u)");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of("constant ZX_PAGER_VMO_DIRTY: width C 4 bytes, Java short (2 bytes)"), mismatches);
    }

    @Test
    void undefinedConstantIsReported() throws IOException {
        Path headers = headersWith("zircon/syscalls/port.h", "#define ZX_WAIT_ASYNC_EDGE ((uint32_t)2u)", "");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of("constant ZX_WAIT_ASYNC_EDGE: listed in includes.txt but the headers do not define it"),
                mismatches);
    }

    @Test
    void changedParameterTypeIsReported() throws IOException {
        Path headers = headersWith("zircon/syscalls.h", "zx_port_create(uint32_t options", "zx_port_create(uint64_t options");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of("function zx_port_create parameter 1: size C 8, Java 4"), mismatches);
    }

    @Test
    void changedTypedefIsReported() throws IOException {
        Path headers = headersWith("zircon/types.h", "typedef uint32_t zx_signals_t;", "typedef uint64_t zx_signals_t;");

        List<String> mismatches = mismatches(headers);

        assertReported(mismatches, "typedef zx_signals_t: size C 8, Java 4");
        assertReported(mismatches, "zx_packet_signal_t.observed: offset C 8, Java 4");
        assertReported(mismatches, "constant ZX_USER_SIGNAL_7: width C 8 bytes, Java int (4 bytes)");
    }

    @Test
    void swappedTableMembersAreReported() throws IOException {
        Path headers = headersWith("zxport/shim.h", """
                  zx_status_t (*handle_duplicate)(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
                  zx_status_t (*handle_replace)(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
                """, """
                  zx_status_t (*handle_replace)(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
                  zx_status_t (*handle_duplicate)(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
                """);

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of(
                "zxport_syscall_table_t.handle_duplicate: offset C 104, Java 96",
                "zxport_syscall_table_t.handle_replace: offset C 96, Java 104"), mismatches);
    }

    @Test
    void changedTableParameterIsReported() throws IOException {
        Path headers = headersWith("zxport/shim.h", "(*handle_close)(zx_handle_t handle);",
                "(*handle_close)(uint64_t handle);");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of(
                "C type table: zxport_syscall_table_t.handle_close is zx_status_t (*)(zx_handle_t), "
                        + "the headers declare zx_status_t (*)(uint64_t)",
                "zxport_syscall_table_t.handle_close parameter 1: size C 8, Java 4"), mismatches);
    }

    @Test
    void changedShimConstantIsReported() throws IOException {
        Path headers = headersWith("zxport/shim.h", "#define ZXPORT_PROBE_WRITE ((uint32_t)2u)",
                "#define ZXPORT_PROBE_WRITE ((uint32_t)4u)");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of("constant ZXPORT_PROBE_WRITE: value C 4 (0x4), Java 2 (0x2)"), mismatches);
    }

    @Test
    void changedShimFunctionIsReported() throws IOException {
        Path headers = headersWith("zxport/shim.h", "zxport_shim_probe(const void* address, size_t size, uint32_t access)",
                "zxport_shim_probe(const void* address, uint32_t size, uint32_t access)");

        List<String> mismatches = mismatches(headers);

        assertEquals(List.of("function zxport_shim_probe parameter 2: size C 4, Java 8"), mismatches);
    }

    @Test
    void constantMissingInJavaIsReported() {
        List<IncludeList.Entry> entries = new ArrayList<>(IncludeList.load().entries());
        entries.add(new IncludeList.Entry(IncludeList.Kind.CONSTANT, "ZX_NOT_GENERATED"));

        List<String> mismatches = AbiCheck.run(CCompiler.fromEnvironment(), HeaderFiles.includeDirectory(),
                new IncludeList(entries), ZirconStructs.all()).mismatches();

        assertEquals(List.of("constant ZX_NOT_GENERATED: listed in includes.txt but zircon_h has no ZX_NOT_GENERATED()"),
                mismatches);
    }

    @Test
    void unlistedGeneratedSymbolsAreReported() {
        List<IncludeList.Entry> entries = new ArrayList<>(IncludeList.load().entries());
        entries.remove(new IncludeList.Entry(IncludeList.Kind.CONSTANT, "ZX_OK"));
        entries.remove(new IncludeList.Entry(IncludeList.Kind.TYPEDEF, "zx_port_packet_t"));

        List<String> mismatches = AbiCheck.run(CCompiler.fromEnvironment(), HeaderFiles.includeDirectory(),
                new IncludeList(entries), ZirconStructs.all()).mismatches();

        assertEquals(List.of(
                "constant zircon_h.ZX_OK(): generated but not listed in includes.txt; regenerate the bindings",
                "typedef dev.zxport.sys.zx_port_packet_t: generated but not listed in includes.txt; regenerate the bindings"),
                mismatches);
    }

    @Test
    void wrongTableTypeIsReported() {
        List<CStruct> structs = new ArrayList<>();
        for (CStruct struct : ZirconStructs.all()) {
            if (struct.typedefName().equals("zx_packet_signal_t")) {
                Map<String, String> types = new LinkedHashMap<>(struct.memberTypes());
                types.put("timestamp", "uint64_t");
                types.put("unused", "uint8_t");
                struct = new CStruct(struct.typedefName(), struct.tag(), struct.layout(), types);
            }
            structs.add(struct);
        }

        List<String> mismatches = AbiCheck.run(CCompiler.fromEnvironment(), HeaderFiles.includeDirectory(),
                IncludeList.load(), structs).mismatches();

        assertEquals(List.of(
                "C type table: zx_packet_signal_t.timestamp is uint64_t, the headers declare zx_time_t",
                "C type table: zx_packet_signal_t.unused is not a member that the headers declare"), mismatches);
    }

    @Test
    void missingCompilerThrowsNamingIt() {
        CCompiler missing = CCompiler.of("/nonexistent/zxport-cc");

        CompilerException error = assertThrows(CompilerException.class,
                () -> AbiCheck.run(missing, HeaderFiles.includeDirectory()));

        assertTrue(error.getMessage().contains("/nonexistent/zxport-cc"), error.getMessage());
    }
}
