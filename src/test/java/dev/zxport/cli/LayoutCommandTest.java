package dev.zxport.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutCommandTest {
    /** The output and exit code of one command line. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run zxport(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Matches a pahole-style member line: type, name, offset and size, with any spacing. */
    private static Pattern memberLine(String type, String name, int offset, int size) {
        return Pattern.compile("(?m)^\\s*" + Pattern.quote(type) + "\\s+" + Pattern.quote(name)
                + ";\\s+/\\*\\s+" + offset + "\\s+" + size + " \\*/$");
    }

    @Test
    void layoutPrintsPacketAndUnionMembers() {
        Run run = zxport("layout");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(memberLine("uint64_t", "key", 0, 8).matcher(run.out()).find(), run.out());
        assertTrue(memberLine("zx_packet_guest_mem_t", "guest_mem", 16, 32).matcher(run.out()).find(), run.out());
        assertTrue(memberLine("uint8_t", "reserved[6]", 26, 6).matcher(run.out()).find(), run.out());
        assertTrue(memberLine("uint8_t", "padding1[7]", 17, 7).matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("} zx_packet_guest_vcpu_t;"), run.out());
        assertTrue(run.out().contains("/* size: 48, cachelines: 1, members: 4 */"), run.out());
    }

    @Test
    void layoutShowsAnonymousUnionNested() {
        Run run = zxport("layout", "zx_packet_guest_io_t");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("typedef struct zx_packet_guest_io {\n"), run.out());
        assertTrue(Pattern.compile("(?m)^    union \\{$").matcher(run.out()).find(), run.out());
        assertTrue(memberLine("uint16_t", "u16", 4, 2).matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("(?m)^    };\\s+/\\*\\s+4\\s+4 \\*/$").matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("/* reserved and padding bytes: 24 */"), run.out());
    }

    @Test
    void layoutPrintsHandleBasicInfo() {
        Run run = zxport("layout", "zx_info_handle_basic");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(memberLine("zx_koid_t", "related_koid", 16, 8).matcher(run.out()).find(), run.out());
        assertTrue(memberLine("uint8_t", "padding1[4]", 28, 4).matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("} zx_info_handle_basic_t;"), run.out());
    }

    @Test
    void layoutPrintsSyscallTable() {
        Run run = zxport("layout", "zxport_syscall_table_t");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("typedef struct zxport_syscall_table {\n"), run.out());
        assertTrue(Pattern.compile("(?m)^    zx_status_t \\(\\*port_create\\)\\(uint32_t, zx_handle_t \\*\\);"
                + "\\s+/\\*\\s+0\\s+8 \\*/$").matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("zx_instant_mono_t (*deadline_after)(zx_duration_mono_t);"), run.out());
        assertTrue(run.out().contains("/* size: 176, cachelines: 3, members: 22 */"), run.out());
    }

    @Test
    void layoutDefaultLeavesOutSyscallTable() {
        Run run = zxport("layout");

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("zxport_syscall_table"), run.out());
    }

    @Test
    void layoutExpandUsesPacketOffsets() {
        Run run = zxport("layout", "--expand", "zx_port_packet_t");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(memberLine("uint64_t", "mask", 24, 8).matcher(run.out()).find(), run.out());
        assertTrue(memberLine("zx_gpaddr_t", "entry", 32, 8).matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("struct zx_packet_guest_vcpu {"), run.out());
    }

    @Test
    void layoutRejectsUnknownStruct() {
        Run run = zxport("layout", "zx_no_such_t");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown struct 'zx_no_such_t'"), run.err());
        assertTrue(run.err().contains("zx_packet_signal_t"), run.err());
    }

    @Test
    void layoutCheckMatchesCompiler() {
        Run run = zxport("layout", "--check", "zx_packet_signal_t");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(Pattern.compile("(?m)^\\d+ sizes, \\d+ alignments, \\d+ offsets, \\d+ constants and \\d+ function"
                + " signatures of \\d+ structs match .+$").matcher(run.out()).find(), run.out());
    }

    @Test
    void layoutCheckWithoutCompilerExitsTwo() {
        Run run = zxport("layout", "--check", "--cc", "/nonexistent/zxport-cc");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("zxport layout --check:"), run.err());
        assertTrue(run.err().contains("/nonexistent/zxport-cc"), run.err());
    }

    @Test
    void zxportWithoutSubcommandExitsTwo() {
        Run run = zxport();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }
}
