package dev.zxport.interop;

import dev.zxport.sys.zx_info_handle_basic;
import dev.zxport.sys.zx_packet_guest_bell;
import dev.zxport.sys.zx_packet_guest_io;
import dev.zxport.sys.zx_packet_guest_mem;
import dev.zxport.sys.zx_packet_guest_vcpu;
import dev.zxport.sys.zx_packet_interrupt;
import dev.zxport.sys.zx_packet_page_request;
import dev.zxport.sys.zx_packet_processor_power_level_transition_request;
import dev.zxport.sys.zx_packet_signal;
import dev.zxport.sys.zx_packet_user;
import dev.zxport.sys.zx_port_packet;
import dev.zxport.sys.zxport_syscall_table;

import java.lang.foreign.GroupLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structs and unions that zxport generates bindings for, each with the C types of its
 * members as the headers declare them: those of the Zircon headers and zxport's own
 * {@code zxport_syscall_table_t} of {@code <zxport/shim.h>}. {@link AbiCheck} compares these
 * types with the preprocessed headers, so the table cannot drift from them unnoticed.
 *
 * <p>The types of {@code zx_packet_guest_mem_t} are those of x86_64, the architecture that the
 * committed bindings were generated for.
 */
public final class ZirconStructs {
    private static final List<CStruct> ALL = List.of(
            struct("zx_port_packet_t", zx_port_packet.layout(),
                    "key", "uint64_t",
                    "type", "zx_packet_type_t",
                    "status", "zx_status_t",
                    "user", "zx_packet_user_t",
                    "signal", "zx_packet_signal_t",
                    "guest_bell", "zx_packet_guest_bell_t",
                    "guest_mem", "zx_packet_guest_mem_t",
                    "guest_io", "zx_packet_guest_io_t",
                    "guest_vcpu", "zx_packet_guest_vcpu_t",
                    "interrupt", "zx_packet_interrupt_t",
                    "page_request", "zx_packet_page_request_t",
                    "processor_power_level_transition", "zx_packet_processor_power_level_transition_request_t"),
            struct("zx_packet_user_t", zx_packet_user.layout(),
                    "u64", "uint64_t",
                    "u32", "uint32_t",
                    "u16", "uint16_t",
                    "c8", "uint8_t"),
            struct("zx_packet_signal_t", zx_packet_signal.layout(),
                    "trigger", "zx_signals_t",
                    "observed", "zx_signals_t",
                    "count", "uint64_t",
                    "timestamp", "zx_time_t",
                    "reserved1", "uint64_t"),
            struct("zx_packet_guest_bell_t", zx_packet_guest_bell.layout(),
                    "addr", "zx_gpaddr_t",
                    "reserved0", "uint64_t",
                    "reserved1", "uint64_t",
                    "reserved2", "uint64_t"),
            struct("zx_packet_guest_mem_t", zx_packet_guest_mem.layout(),
                    "addr", "zx_gpaddr_t",
                    "cr3", "zx_gpaddr_t",
                    "rip", "zx_vaddr_t",
                    "instruction_size", "uint8_t",
                    "default_operand_size", "uint8_t",
                    "reserved", "uint8_t"),
            struct("zx_packet_guest_io_t", zx_packet_guest_io.layout(),
                    "port", "uint16_t",
                    "access_size", "uint8_t",
                    "input", "bool",
                    "u8", "uint8_t",
                    "padding1", "uint8_t",
                    "u16", "uint16_t",
                    "padding2", "uint8_t",
                    "u32", "uint32_t",
                    "data", "uint8_t",
                    "reserved0", "uint64_t",
                    "reserved1", "uint64_t",
                    "reserved2", "uint64_t"),
            struct("zx_packet_guest_vcpu_t", zx_packet_guest_vcpu.layout(),
                    "type", "uint32_t",
                    "padding1", "uint8_t",
                    "interrupt", "struct",
                    "interrupt.mask", "uint64_t",
                    "interrupt.vector", "uint8_t",
                    "interrupt.padding1", "uint8_t",
                    "startup", "struct",
                    "startup.id", "uint64_t",
                    "startup.entry", "zx_gpaddr_t",
                    "reserved", "uint64_t"),
            struct("zx_packet_interrupt_t", zx_packet_interrupt.layout(),
                    "timestamp", "zx_instant_boot_t",
                    "reserved0", "uint64_t",
                    "reserved1", "uint64_t",
                    "reserved2", "uint64_t"),
            struct("zx_packet_page_request_t", zx_packet_page_request.layout(),
                    "command", "uint16_t",
                    "flags", "uint16_t",
                    "reserved0", "uint32_t",
                    "offset", "uint64_t",
                    "length", "uint64_t",
                    "reserved1", "uint64_t"),
            struct("zx_packet_processor_power_level_transition_request_t",
                    zx_packet_processor_power_level_transition_request.layout(),
                    "domain_id", "uint32_t",
                    "options", "uint32_t",
                    "control_interface", "uint64_t",
                    "control_argument", "uint64_t",
                    "reserved", "uint64_t"),
            struct("zx_info_handle_basic_t", zx_info_handle_basic.layout(),
                    "koid", "zx_koid_t",
                    "rights", "zx_rights_t",
                    "type", "zx_obj_type_t",
                    "related_koid", "zx_koid_t",
                    "reserved", "uint32_t",
                    "padding1", "uint8_t"),
            struct("zxport_syscall_table_t", zxport_syscall_table.layout(),
                    "port_create", "zx_status_t (*)(uint32_t, zx_handle_t *)",
                    "port_queue", "zx_status_t (*)(zx_handle_t, const zx_port_packet_t *)",
                    "port_wait", "zx_status_t (*)(zx_handle_t, zx_instant_mono_t, zx_port_packet_t *)",
                    "port_cancel", "zx_status_t (*)(zx_handle_t, zx_handle_t, uint64_t)",
                    "port_cancel_key", "zx_status_t (*)(zx_handle_t, uint32_t, uint64_t)",
                    "object_wait_async", "zx_status_t (*)(zx_handle_t, zx_handle_t, uint64_t, zx_signals_t, uint32_t)",
                    "object_wait_one", "zx_status_t (*)(zx_handle_t, zx_signals_t, zx_instant_mono_t, zx_signals_t *)",
                    "object_signal", "zx_status_t (*)(zx_handle_t, uint32_t, uint32_t)",
                    "object_get_info", "zx_status_t (*)(zx_handle_t, uint32_t, void *, size_t, size_t *, size_t *)",
                    "event_create", "zx_status_t (*)(uint32_t, zx_handle_t *)",
                    "handle_close", "zx_status_t (*)(zx_handle_t)",
                    "handle_close_many", "zx_status_t (*)(const zx_handle_t *, size_t)",
                    "handle_duplicate", "zx_status_t (*)(zx_handle_t, zx_rights_t, zx_handle_t *)",
                    "handle_replace", "zx_status_t (*)(zx_handle_t, zx_rights_t, zx_handle_t *)",
                    "interrupt_create", "zx_status_t (*)(zx_handle_t, uint32_t, uint32_t, zx_handle_t *)",
                    "interrupt_bind", "zx_status_t (*)(zx_handle_t, zx_handle_t, uint64_t, uint32_t)",
                    "interrupt_trigger", "zx_status_t (*)(zx_handle_t, uint32_t, zx_instant_boot_t)",
                    "interrupt_ack", "zx_status_t (*)(zx_handle_t)",
                    "interrupt_destroy", "zx_status_t (*)(zx_handle_t)",
                    "interrupt_wait", "zx_status_t (*)(zx_handle_t, zx_instant_boot_t *)",
                    "clock_get_monotonic", "zx_instant_mono_t (*)(void)",
                    "deadline_after", "zx_instant_mono_t (*)(zx_duration_mono_t)"));

    private ZirconStructs() {
    }

    /**
     * Returns every struct and union: {@code zx_port_packet_t}, then its union members in
     * declaration order, then {@code zx_info_handle_basic_t} and {@code zxport_syscall_table_t}.
     */
    public static List<CStruct> all() {
        return ALL;
    }

    /**
     * Returns the struct named {@code name}: a typedef name ({@code zx_packet_signal_t}), a tag
     * ({@code zx_packet_signal}) or a tag with its keyword ({@code struct zx_packet_signal}).
     */
    public static Optional<CStruct> find(String name) {
        String bare = name.strip().replaceFirst("^(struct|union)\\s+", "");
        return ALL.stream()
                .filter(struct -> struct.typedefName().equals(bare) || struct.tag().equals(bare))
                .findFirst();
    }

    private static CStruct struct(String typedefName, GroupLayout layout, String... pathsAndTypes) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTypes.length; i += 2) {
            types.put(pathsAndTypes[i], pathsAndTypes[i + 1]);
        }
        String tag = layout.name().orElseThrow(() -> new IllegalArgumentException("unnamed layout for " + typedefName));
        return new CStruct(typedefName, tag, layout, types);
    }
}
