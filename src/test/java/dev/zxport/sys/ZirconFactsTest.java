package dev.zxport.sys;

import dev.zxport.interop.CStruct;
import dev.zxport.interop.IncludeList;
import dev.zxport.interop.LayoutMember;
import dev.zxport.interop.ZirconStructs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.GroupLayout;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the constants and the x86_64 LP64 layouts of the public Zircon ABI as literal numbers,
 * taken from the Fuchsia headers (errors.h, types.h, rights.h, time.h, syscalls/port.h,
 * syscalls/object.h, syscalls-next.h) and the zx-sys policy codes. The ABI check compares the
 * bindings with our own headers; this table keeps both from drifting away from Zircon together.
 * Symbols that zxport declares itself, under {@code headers/zxport/}, are not Zircon's and are
 * left out; the ABI check alone covers them.
 */
class ZirconFactsTest {
    /** Header directory that includes.txt names for symbols that zxport declares, not Zircon. */
    private static final String ZXPORT_HEADERS = "headers/zxport/";
    private static final IncludeList INCLUDES = IncludeList.load();
    private static final Map<String, Long> CONSTANTS = new LinkedHashMap<>();

    static {
        // Status codes (zx_status_t).
        constant("ZX_OK", 0);
        constant("ZX_ERR_INTERNAL", -1);
        constant("ZX_ERR_NOT_SUPPORTED", -2);
        constant("ZX_ERR_NO_RESOURCES", -3);
        constant("ZX_ERR_NO_MEMORY", -4);
        constant("ZX_ERR_INTERNAL_INTR_RETRY", -6);
        constant("ZX_ERR_INVALID_ARGS", -10);
        constant("ZX_ERR_BAD_HANDLE", -11);
        constant("ZX_ERR_WRONG_TYPE", -12);
        constant("ZX_ERR_BAD_SYSCALL", -13);
        constant("ZX_ERR_OUT_OF_RANGE", -14);
        constant("ZX_ERR_BUFFER_TOO_SMALL", -15);
        constant("ZX_ERR_BAD_STATE", -20);
        constant("ZX_ERR_TIMED_OUT", -21);
        constant("ZX_ERR_SHOULD_WAIT", -22);
        constant("ZX_ERR_CANCELED", -23);
        constant("ZX_ERR_PEER_CLOSED", -24);
        constant("ZX_ERR_NOT_FOUND", -25);
        constant("ZX_ERR_ALREADY_EXISTS", -26);
        constant("ZX_ERR_ALREADY_BOUND", -27);
        constant("ZX_ERR_UNAVAILABLE", -28);
        constant("ZX_ERR_ACCESS_DENIED", -30);
        constant("ZX_ERR_IO", -40);
        constant("ZX_ERR_IO_REFUSED", -41);
        constant("ZX_ERR_IO_DATA_INTEGRITY", -42);
        constant("ZX_ERR_IO_DATA_LOSS", -43);
        constant("ZX_ERR_IO_NOT_PRESENT", -44);
        constant("ZX_ERR_IO_OVERRUN", -45);
        constant("ZX_ERR_IO_MISSED_DEADLINE", -46);
        constant("ZX_ERR_IO_INVALID", -47);
        constant("ZX_ERR_BAD_PATH", -50);
        constant("ZX_ERR_NOT_DIR", -51);
        constant("ZX_ERR_NOT_FILE", -52);
        constant("ZX_ERR_FILE_BIG", -53);
        constant("ZX_ERR_NO_SPACE", -54);
        constant("ZX_ERR_NOT_EMPTY", -55);
        constant("ZX_ERR_STOP", -60);
        constant("ZX_ERR_NEXT", -61);
        constant("ZX_ERR_ASYNC", -62);
        constant("ZX_ERR_PROTOCOL_NOT_SUPPORTED", -70);
        constant("ZX_ERR_ADDRESS_UNREACHABLE", -71);
        constant("ZX_ERR_ADDRESS_IN_USE", -72);
        constant("ZX_ERR_NOT_CONNECTED", -73);
        constant("ZX_ERR_CONNECTION_REFUSED", -74);
        constant("ZX_ERR_CONNECTION_RESET", -75);
        constant("ZX_ERR_CONNECTION_ABORTED", -76);
        constant("ZX_ERR_INTERNAL_INTR_KILLED", -502);

        // Ports and packets.
        constant("ZX_PORT_BIND_TO_INTERRUPT", 0x1);
        constant("ZX_PKT_TYPE_USER", 0x00);
        constant("ZX_PKT_TYPE_SIGNAL_ONE", 0x01);
        constant("ZX_PKT_TYPE_GUEST_BELL", 0x03);
        constant("ZX_PKT_TYPE_GUEST_MEM", 0x04);
        constant("ZX_PKT_TYPE_GUEST_IO", 0x05);
        constant("ZX_PKT_TYPE_GUEST_VCPU", 0x06);
        constant("ZX_PKT_TYPE_INTERRUPT", 0x07);
        constant("ZX_PKT_TYPE_PAGE_REQUEST", 0x09);
        constant("ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST", 0x0A);
        constant("ZX_PKT_GUEST_VCPU_INTERRUPT", 0);
        constant("ZX_PKT_GUEST_VCPU_STARTUP", 1);
        constant("ZX_PAGER_VMO_READ", 0);
        constant("ZX_PAGER_VMO_COMPLETE", 1);
        constant("ZX_PAGER_VMO_DIRTY", 2);

        // zx_object_wait_async options.
        constant("ZX_WAIT_ASYNC_ONCE", 0);
        constant("ZX_WAIT_ASYNC_TIMESTAMP", 1);
        constant("ZX_WAIT_ASYNC_EDGE", 2);
        constant("ZX_WAIT_ASYNC_BOOT_TIMESTAMP", 4);

        // Rights.
        constant("ZX_RIGHT_NONE", 0x00000000L);
        constant("ZX_RIGHT_DUPLICATE", 0x00000001L);
        constant("ZX_RIGHT_TRANSFER", 0x00000002L);
        constant("ZX_RIGHT_READ", 0x00000004L);
        constant("ZX_RIGHT_WRITE", 0x00000008L);
        constant("ZX_RIGHT_EXECUTE", 0x00000010L);
        constant("ZX_RIGHT_MAP", 0x00000020L);
        constant("ZX_RIGHT_GET_PROPERTY", 0x00000040L);
        constant("ZX_RIGHT_SET_PROPERTY", 0x00000080L);
        constant("ZX_RIGHT_ENUMERATE", 0x00000100L);
        constant("ZX_RIGHT_DESTROY", 0x00000200L);
        constant("ZX_RIGHT_SET_POLICY", 0x00000400L);
        constant("ZX_RIGHT_GET_POLICY", 0x00000800L);
        constant("ZX_RIGHT_SIGNAL", 0x00001000L);
        constant("ZX_RIGHT_SIGNAL_PEER", 0x00002000L);
        constant("ZX_RIGHT_WAIT", 0x00004000L);
        constant("ZX_RIGHT_INSPECT", 0x00008000L);
        constant("ZX_RIGHT_MANAGE_JOB", 0x00010000L);
        constant("ZX_RIGHT_MANAGE_PROCESS", 0x00020000L);
        constant("ZX_RIGHT_MANAGE_THREAD", 0x00040000L);
        constant("ZX_RIGHT_APPLY_PROFILE", 0x00080000L);
        constant("ZX_RIGHT_MANAGE_SOCKET", 0x00100000L);
        constant("ZX_RIGHT_OP_CHILDREN", 0x00200000L);
        constant("ZX_RIGHT_RESIZE", 0x00400000L);
        constant("ZX_RIGHT_ATTACH_VMO", 0x00800000L);
        constant("ZX_RIGHT_MANAGE_VMO", 0x01000000L);
        constant("ZX_RIGHT_SAME_RIGHTS", 0x80000000L);
        constant("ZX_RIGHTS_BASIC", 0xC003);
        constant("ZX_RIGHTS_IO", 0x000C);
        constant("ZX_RIGHTS_PROPERTY", 0x00C0);
        constant("ZX_RIGHTS_POLICY", 0x0C00);
        constant("ZX_DEFAULT_PORT_RIGHTS", 0x800F);
        constant("ZX_DEFAULT_EVENT_RIGHTS", 0xD003);
        constant("ZX_DEFAULT_EVENTPAIR_RIGHTS", 0xF003);
        constant("ZX_DEFAULT_CHANNEL_RIGHTS", 0xF00E);
        constant("ZX_DEFAULT_INTERRUPT_RIGHTS", 0xD00F);
        constant("ZX_DEFAULT_TIMER_RIGHTS", 0xD00B);

        // Handles and time.
        constant("ZX_HANDLE_INVALID", 0);
        constant("ZX_HANDLE_FIXED_BITS_MASK", 0x3);
        constant("ZX_TIME_INFINITE", Long.MAX_VALUE);
        constant("ZX_TIME_INFINITE_PAST", Long.MIN_VALUE);
        constant("ZX_CLOCK_MONOTONIC", 0);
        constant("ZX_CLOCK_BOOT", 1);

        // Signals.
        constant("ZX_SIGNAL_NONE", 0);
        constant("ZX_USER_SIGNAL_ALL", 0xFF000000L);
        constant("__ZX_OBJECT_SIGNAL_ALL", 0x00FFFFFFL);
        constant("__ZX_OBJECT_READABLE", 1L << 0);
        constant("__ZX_OBJECT_WRITABLE", 1L << 1);
        constant("__ZX_OBJECT_PEER_CLOSED", 1L << 2);
        constant("__ZX_OBJECT_SIGNALED", 1L << 3);
        for (int bit = 4; bit <= 22; bit++) {
            constant("__ZX_OBJECT_SIGNAL_" + bit, 1L << bit);
        }
        constant("__ZX_OBJECT_HANDLE_CLOSED", 0x00800000L);
        constant("ZX_SIGNAL_HANDLE_CLOSED", 0x00800000L);
        constant("ZX_USER_SIGNAL_0", 0x01000000L);
        constant("ZX_USER_SIGNAL_1", 0x02000000L);
        constant("ZX_USER_SIGNAL_2", 0x04000000L);
        constant("ZX_USER_SIGNAL_3", 0x08000000L);
        constant("ZX_USER_SIGNAL_4", 0x10000000L);
        constant("ZX_USER_SIGNAL_5", 0x20000000L);
        constant("ZX_USER_SIGNAL_6", 0x40000000L);
        constant("ZX_USER_SIGNAL_7", 0x80000000L);
        constant("ZX_EVENT_SIGNALED", 0x8);
        constant("ZX_EVENT_SIGNAL_MASK", 0xFF000008L);
        constant("ZX_EVENTPAIR_SIGNALED", 0x8);
        constant("ZX_EVENTPAIR_PEER_CLOSED", 0x4);
        constant("ZX_CHANNEL_READABLE", 0x1);
        constant("ZX_CHANNEL_WRITABLE", 0x2);
        constant("ZX_CHANNEL_PEER_CLOSED", 0x4);
        constant("ZX_TIMER_SIGNALED", 0x8);
        constant("ZX_VIRTUAL_INTERRUPT_UNTRIGGERED", 0x10);

        // Object types and koids.
        constant("ZX_OBJ_TYPE_NONE", 0);
        constant("ZX_OBJ_TYPE_PROCESS", 1);
        constant("ZX_OBJ_TYPE_THREAD", 2);
        constant("ZX_OBJ_TYPE_VMO", 3);
        constant("ZX_OBJ_TYPE_CHANNEL", 4);
        constant("ZX_OBJ_TYPE_EVENT", 5);
        constant("ZX_OBJ_TYPE_PORT", 6);
        constant("ZX_OBJ_TYPE_INTERRUPT", 9);
        constant("ZX_OBJ_TYPE_EVENTPAIR", 16);
        constant("ZX_OBJ_TYPE_TIMER", 22);
        constant("ZX_KOID_INVALID", 0);
        constant("ZX_KOID_KERNEL", 1);
        constant("ZX_KOID_FIRST", 1024);

        // Interrupts.
        constant("ZX_INTERRUPT_REMAP_IRQ", 0x1);
        constant("ZX_INTERRUPT_MODE_DEFAULT", 0);
        constant("ZX_INTERRUPT_MODE_EDGE_LOW", 0x2);
        constant("ZX_INTERRUPT_MODE_EDGE_HIGH", 0x4);
        constant("ZX_INTERRUPT_MODE_LEVEL_LOW", 0x6);
        constant("ZX_INTERRUPT_MODE_LEVEL_HIGH", 0x8);
        constant("ZX_INTERRUPT_MODE_EDGE_BOTH", 0xA);
        constant("ZX_INTERRUPT_MODE_MASK", 0xE);
        constant("ZX_INTERRUPT_VIRTUAL", 0x10);
        constant("ZX_INTERRUPT_WAKE_VECTOR", 0x20);
        constant("ZX_INTERRUPT_TIMESTAMP_MONO", 0x40);
        constant("ZX_INTERRUPT_BIND", 0);
        constant("ZX_INTERRUPT_UNBIND", 1);
        constant("ZX_INTERRUPT_SLOT_USER", 62);
        constant("ZX_INTERRUPT_MAX_SLOTS", 62);

        // Limits, policy codes and object info topics.
        constant("ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS", 17);
        constant("ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS", 19);
        constant("ZX_WAIT_MANY_MAX_ITEMS", 64);
        constant("ZX_INFO_HANDLE_VALID", 1);
        constant("ZX_INFO_HANDLE_BASIC", 2);
    }

    /** Offset and size of every member, x86_64 LP64; a row with an empty path is the struct itself. */
    private static final Object[][] LAYOUTS = {
            {"zx_port_packet_t", "", 0, 48},
            {"zx_port_packet_t", "key", 0, 8},
            {"zx_port_packet_t", "type", 8, 4},
            {"zx_port_packet_t", "status", 12, 4},
            {"zx_port_packet_t", "user", 16, 32},
            {"zx_port_packet_t", "signal", 16, 32},
            {"zx_port_packet_t", "guest_bell", 16, 32},
            {"zx_port_packet_t", "guest_mem", 16, 32},
            {"zx_port_packet_t", "guest_io", 16, 32},
            {"zx_port_packet_t", "guest_vcpu", 16, 32},
            {"zx_port_packet_t", "interrupt", 16, 32},
            {"zx_port_packet_t", "page_request", 16, 32},
            {"zx_port_packet_t", "processor_power_level_transition", 16, 32},

            {"zx_packet_user_t", "", 0, 32},
            {"zx_packet_user_t", "u64", 0, 32},
            {"zx_packet_user_t", "u32", 0, 32},
            {"zx_packet_user_t", "u16", 0, 32},
            {"zx_packet_user_t", "c8", 0, 32},

            {"zx_packet_signal_t", "", 0, 32},
            {"zx_packet_signal_t", "trigger", 0, 4},
            {"zx_packet_signal_t", "observed", 4, 4},
            {"zx_packet_signal_t", "count", 8, 8},
            {"zx_packet_signal_t", "timestamp", 16, 8},
            {"zx_packet_signal_t", "reserved1", 24, 8},

            {"zx_packet_guest_bell_t", "", 0, 32},
            {"zx_packet_guest_bell_t", "addr", 0, 8},
            {"zx_packet_guest_bell_t", "reserved0", 8, 8},
            {"zx_packet_guest_bell_t", "reserved1", 16, 8},
            {"zx_packet_guest_bell_t", "reserved2", 24, 8},

            {"zx_packet_guest_mem_t", "", 0, 32},
            {"zx_packet_guest_mem_t", "addr", 0, 8},
            {"zx_packet_guest_mem_t", "cr3", 8, 8},
            {"zx_packet_guest_mem_t", "rip", 16, 8},
            {"zx_packet_guest_mem_t", "instruction_size", 24, 1},
            {"zx_packet_guest_mem_t", "default_operand_size", 25, 1},
            {"zx_packet_guest_mem_t", "reserved", 26, 6},

            {"zx_packet_guest_io_t", "", 0, 32},
            {"zx_packet_guest_io_t", "port", 0, 2},
            {"zx_packet_guest_io_t", "access_size", 2, 1},
            {"zx_packet_guest_io_t", "input", 3, 1},
            {"zx_packet_guest_io_t", "u8", 4, 1},
            {"zx_packet_guest_io_t", "padding1", 5, 3},
            {"zx_packet_guest_io_t", "u16", 4, 2},
            {"zx_packet_guest_io_t", "padding2", 6, 2},
            {"zx_packet_guest_io_t", "u32", 4, 4},
            {"zx_packet_guest_io_t", "data", 4, 4},
            {"zx_packet_guest_io_t", "reserved0", 8, 8},
            {"zx_packet_guest_io_t", "reserved1", 16, 8},
            {"zx_packet_guest_io_t", "reserved2", 24, 8},

            {"zx_packet_guest_vcpu_t", "", 0, 32},
            {"zx_packet_guest_vcpu_t", "type", 0, 4},
            {"zx_packet_guest_vcpu_t", "padding1", 4, 4},
            {"zx_packet_guest_vcpu_t", "interrupt", 8, 16},
            {"zx_packet_guest_vcpu_t", "interrupt.mask", 8, 8},
            {"zx_packet_guest_vcpu_t", "interrupt.vector", 16, 1},
            {"zx_packet_guest_vcpu_t", "interrupt.padding1", 17, 7},
            {"zx_packet_guest_vcpu_t", "startup", 8, 16},
            {"zx_packet_guest_vcpu_t", "startup.id", 8, 8},
            {"zx_packet_guest_vcpu_t", "startup.entry", 16, 8},
            {"zx_packet_guest_vcpu_t", "reserved", 24, 8},

            {"zx_packet_interrupt_t", "", 0, 32},
            {"zx_packet_interrupt_t", "timestamp", 0, 8},
            {"zx_packet_interrupt_t", "reserved0", 8, 8},
            {"zx_packet_interrupt_t", "reserved1", 16, 8},
            {"zx_packet_interrupt_t", "reserved2", 24, 8},

            {"zx_packet_page_request_t", "", 0, 32},
            {"zx_packet_page_request_t", "command", 0, 2},
            {"zx_packet_page_request_t", "flags", 2, 2},
            {"zx_packet_page_request_t", "reserved0", 4, 4},
            {"zx_packet_page_request_t", "offset", 8, 8},
            {"zx_packet_page_request_t", "length", 16, 8},
            {"zx_packet_page_request_t", "reserved1", 24, 8},

            {"zx_packet_processor_power_level_transition_request_t", "", 0, 32},
            {"zx_packet_processor_power_level_transition_request_t", "domain_id", 0, 4},
            {"zx_packet_processor_power_level_transition_request_t", "options", 4, 4},
            {"zx_packet_processor_power_level_transition_request_t", "control_interface", 8, 8},
            {"zx_packet_processor_power_level_transition_request_t", "control_argument", 16, 8},
            {"zx_packet_processor_power_level_transition_request_t", "reserved", 24, 8},

            {"zx_info_handle_basic_t", "", 0, 32},
            {"zx_info_handle_basic_t", "koid", 0, 8},
            {"zx_info_handle_basic_t", "rights", 8, 4},
            {"zx_info_handle_basic_t", "type", 12, 4},
            {"zx_info_handle_basic_t", "related_koid", 16, 8},
            {"zx_info_handle_basic_t", "reserved", 24, 4},
            {"zx_info_handle_basic_t", "padding1", 28, 4},
    };

    private static void constant(String name, long value) {
        CONSTANTS.put(name, value);
    }

    /** Returns whether includes.txt names a header of zxport's own as the origin of the symbol. */
    private static boolean declaredByZxport(IncludeList.Kind kind, String name) {
        return INCLUDES.header(kind, name).orElse("").startsWith(ZXPORT_HEADERS);
    }

    private static boolean declaredByZxport(CStruct struct) {
        return declaredByZxport(IncludeList.Kind.STRUCT, struct.tag())
                || declaredByZxport(IncludeList.Kind.UNION, struct.tag());
    }

    static Stream<Arguments> constants() {
        return CONSTANTS.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    static Stream<Arguments> layouts() {
        return Stream.of(LAYOUTS).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("constants")
    void constantHasZirconValue(String name, long expected) throws ReflectiveOperationException {
        Method accessor = zircon_h.class.getMethod(name);
        Object value = accessor.invoke(null);

        // The Java type is as wide as the C type, so narrowing the literal gives the same bits.
        Object narrowed = switch (value) {
            case Long ignored -> expected;
            case Integer ignored -> (int) expected;
            case Short ignored -> (short) expected;
            default -> throw new AssertionError(name + " has unexpected Java type " + value.getClass());
        };
        assertEquals(narrowed, value, name);
    }

    @ParameterizedTest(name = "{0}.{1} at {2}, {3} bytes")
    @MethodSource("layouts")
    void memberHasZirconLayout(String struct, String path, int offset, int size) {
        GroupLayout layout = ZirconStructs.find(struct).orElseThrow().layout();
        Optional<LayoutMember> member = LayoutMember.flatten(LayoutMember.of(layout)).stream()
                .filter(candidate -> candidate.path().equals(path))
                .findFirst();

        if (path.isEmpty()) {
            assertEquals(size, layout.byteSize(), struct + " size");
            assertEquals(8, layout.byteAlignment(), struct + " alignment");
            return;
        }
        assertTrue(member.isPresent(), struct + "." + path + " is missing");
        assertEquals(offset, member.get().offset(), struct + "." + path + " offset");
        assertEquals(size, member.get().size(), struct + "." + path + " size");
    }

    @Test
    void everyGeneratedConstantIsPinned() {
        List<String> unpinned = new ArrayList<>();
        for (String name : INCLUDES.names(IncludeList.Kind.CONSTANT)) {
            if (!CONSTANTS.containsKey(name) && !declaredByZxport(IncludeList.Kind.CONSTANT, name)) {
                unpinned.add(name);
            }
        }

        assertEquals(List.of(), unpinned, "constants without a pinned Zircon value");
    }

    @Test
    void everyMemberIsPinned() {
        List<String> unpinned = new ArrayList<>();
        for (CStruct struct : ZirconStructs.all()) {
            if (declaredByZxport(struct)) {
                continue;
            }
            boolean structPinned = Stream.of(LAYOUTS).anyMatch(row -> row[0].equals(struct.typedefName())
                    && row[1].equals(""));
            if (!structPinned) {
                unpinned.add(struct.typedefName());
            }
            for (LayoutMember member : LayoutMember.flatten(struct.members())) {
                boolean ownMember = struct.memberTypes().containsKey(member.path());
                boolean pinned = Stream.of(LAYOUTS).anyMatch(row -> row[0].equals(struct.typedefName())
                        && row[1].equals(member.path()));
                if (ownMember && !pinned) {
                    unpinned.add(struct.typedefName() + "." + member.path());
                }
            }
        }

        assertEquals(List.of(), unpinned, "structs and members without a pinned Zircon layout");
    }

    @Test
    void onlyZxportSymbolsAreExempt() {
        List<String> constants = INCLUDES.names(IncludeList.Kind.CONSTANT).stream()
                .filter(name -> declaredByZxport(IncludeList.Kind.CONSTANT, name))
                .toList();
        List<String> structs = ZirconStructs.all().stream()
                .filter(ZirconFactsTest::declaredByZxport)
                .map(CStruct::typedefName)
                .toList();

        // A Zircon symbol listed with a zxport header would escape the pins, so the names must agree.
        assertTrue(constants.contains("ZXPORT_PROBE_READ"), "exempt constants: " + constants);
        assertTrue(structs.contains("zxport_syscall_table_t"), "exempt structs: " + structs);
        assertEquals(List.of(), constants.stream().filter(name -> !name.startsWith("ZXPORT_")).toList(),
                "exempt constants without the ZXPORT_ prefix");
        assertEquals(List.of(), structs.stream().filter(name -> !name.startsWith("zxport_")).toList(),
                "exempt structs without the zxport_ prefix");
    }

    @Test
    void packetMembersHaveZirconOffsets() {
        GroupLayout packet = zx_port_packet_t.layout();
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (LayoutMember member : LayoutMember.flatten(LayoutMember.of(packet))) {
            offsets.put(member.path(), member.offset());
        }

        assertEquals(20L, offsets.get("guest_io.u8"));
        assertEquals(22L, offsets.get("guest_io.padding2"));
        assertEquals(24L, offsets.get("guest_vcpu.interrupt.mask"));
        assertEquals(32L, offsets.get("guest_vcpu.interrupt.vector"));
        assertEquals(24L, offsets.get("guest_vcpu.startup.id"));
        assertEquals(32L, offsets.get("guest_vcpu.startup.entry"));
        assertEquals(42L, offsets.get("guest_mem.reserved"));
        assertEquals(32L, offsets.get("signal.timestamp"));
        assertEquals(16L, offsets.get("interrupt.timestamp"));
    }
}
