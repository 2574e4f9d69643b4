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
import dev.zxport.sys.zx_port_packet;

import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.util.StringJoiner;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Prints one line per syscall in the style of strace: the name, the arguments (handles in hex,
 * options, rights and signals by constant name, output values in brackets once written, decoded
 * packets in braces) and the result by status name, for example
 * {@code zx_port_wait(0x2b4c1f3, ZX_TIME_INFINITE, {key=7, type=ZX_PKT_TYPE_USER, ...}) = ZX_OK}.
 * A blocking call prints when it returns. Each line is one {@code println}, so lines from
 * concurrent threads do not mix.
 */
final class SyscallTrace {
    private static final long PACKET_SIZE = zx_port_packet.sizeof();
    private static final int MAX_LISTED_HANDLES = 8;
    private static final long ZERO_PAGE_END = 4096;

    private final PrintStream out;

    SyscallTrace(PrintStream out) {
        this.out = out;
    }

    /** Prints a syscall that returns a {@code zx_status_t}. */
    void print(String syscall, int status, String... arguments) {
        out.println(syscall + "(" + String.join(", ", arguments) + ") = " + TraceNames.status(status));
    }

    /** Prints a syscall that returns a time in nanoseconds. */
    void printTime(String syscall, long result, String... arguments) {
        out.println(syscall + "(" + String.join(", ", arguments) + ") = " + TraceNames.deadline(result));
    }

    static String handle(int handle) {
        return TraceNames.hex(handle);
    }

    static String pointer(MemorySegment raw) {
        return raw.address() == 0 ? "NULL" : TraceNames.hex(raw.address());
    }

    /** Formats an output handle: its value once written, else the pointer. */
    static String handleOut(MemorySegment raw, MemorySegment checked, int status) {
        if (status != ZX_OK() || !usable(checked)) {
            return pointer(raw);
        }
        return "[" + handle(checked.get(JAVA_INT_UNALIGNED, 0)) + "]";
    }

    /** Formats {@code observed} of {@code zx_object_wait_one}, which is written in every outcome of the wait. */
    static String signalsOut(MemorySegment raw, MemorySegment checked, int status) {
        boolean written = status == ZX_OK() || status == ZX_ERR_TIMED_OUT() || status == ZX_ERR_CANCELED();
        if (!written || !usable(checked)) {
            return pointer(raw);
        }
        return "[" + TraceNames.signals(checked.get(JAVA_INT_UNALIGNED, 0)) + "]";
    }

    /** Formats {@code actual} or {@code avail} of {@code zx_object_get_info}. */
    static String sizeOut(MemorySegment raw, MemorySegment checked, int status) {
        boolean written = status == ZX_OK() || status == ZX_ERR_BUFFER_TOO_SMALL();
        if (!written || !usable(checked)) {
            return pointer(raw);
        }
        return "[" + checked.get(JAVA_LONG_UNALIGNED, 0) + "]";
    }

    static String timestampOut(MemorySegment raw, MemorySegment checked, int status) {
        if (status != ZX_OK() || !usable(checked)) {
            return pointer(raw);
        }
        return "[" + checked.get(JAVA_LONG_UNALIGNED, 0) + "]";
    }

    /** Formats the record that {@code ZX_INFO_HANDLE_BASIC} wrote, else the pointer. */
    static String infoOut(MemorySegment raw, MemorySegment checked, int topic, int status) {
        if (status != ZX_OK() || topic != ZX_INFO_HANDLE_BASIC() || !usable(checked)) {
            return pointer(raw);
        }
        MemorySegment info = aligned(checked, zx_info_handle_basic.sizeof());
        return "{koid=" + zx_info_handle_basic.koid(info)
                + ", rights=" + TraceNames.rights(zx_info_handle_basic.rights(info))
                + ", type=" + TraceNames.objectType(zx_info_handle_basic.type(info))
                + ", related_koid=" + zx_info_handle_basic.related_koid(info) + "}";
    }

    /** Formats the handle array of {@code zx_handle_close_many}, listing at most eight values. */
    static String handleArray(MemorySegment raw, MemorySegment checked, long count) {
        if (!usable(checked) || count <= 0) {
            return pointer(raw);
        }
        StringJoiner values = new StringJoiner(", ", "[", "]");
        long listed = Math.min(count, MAX_LISTED_HANDLES);
        for (long i = 0; i < listed; i++) {
            values.add(handle(checked.getAtIndex(JAVA_INT_UNALIGNED, i)));
        }
        if (count > listed) {
            values.add("...");
        }
        return values.toString();
    }

    /** Formats a packet the caller passed in, decoded when it is readable. */
    static String packetIn(MemorySegment raw, MemorySegment checked) {
        return usable(checked) ? packet(checked) : pointer(raw);
    }

    /** Formats a packet the kernel wrote: decoded on {@code ZX_OK}, else the pointer. */
    static String packetOut(MemorySegment raw, MemorySegment checked, int status) {
        return status == ZX_OK() && usable(checked) ? packet(checked) : pointer(raw);
    }

    /** Decodes a 48-byte packet: header, then the union member that {@code type} selects. */
    static String packet(MemorySegment source) {
        MemorySegment packet = aligned(source, PACKET_SIZE);
        int type = zx_port_packet.type(packet);
        String header = "{key=" + zx_port_packet.key(packet)
                + ", type=" + TraceNames.packetType(type)
                + ", status=" + TraceNames.status(zx_port_packet.status(packet));
        String body;
        if (type == ZX_PKT_TYPE_USER()) {
            body = "user=" + user(zx_port_packet.user(packet));
        } else if (type == ZX_PKT_TYPE_SIGNAL_ONE()) {
            body = "signal=" + signal(zx_port_packet.signal(packet));
        } else if (type == ZX_PKT_TYPE_INTERRUPT()) {
            body = "interrupt={timestamp=" + zx_packet_interrupt.timestamp(zx_port_packet.interrupt(packet)) + "}";
        } else if (type == ZX_PKT_TYPE_GUEST_BELL()) {
            body = "guest_bell={addr=" + TraceNames.hex(zx_packet_guest_bell.addr(zx_port_packet.guest_bell(packet))) + "}";
        } else if (type == ZX_PKT_TYPE_GUEST_MEM()) {
            body = "guest_mem=" + guestMem(zx_port_packet.guest_mem(packet));
        } else if (type == ZX_PKT_TYPE_GUEST_IO()) {
            body = "guest_io=" + guestIo(zx_port_packet.guest_io(packet));
        } else if (type == ZX_PKT_TYPE_GUEST_VCPU()) {
            body = "guest_vcpu=" + guestVcpu(zx_port_packet.guest_vcpu(packet));
        } else if (type == ZX_PKT_TYPE_PAGE_REQUEST()) {
            body = "page_request=" + pageRequest(zx_port_packet.page_request(packet));
        } else if (type == ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST()) {
            body = "processor_power_level_transition="
                    + powerTransition(zx_port_packet.processor_power_level_transition(packet));
        } else {
            body = "raw=" + user(zx_port_packet.user(packet));
        }
        return header + ", " + body + "}";
    }

    private static String user(MemorySegment payload) {
        StringJoiner words = new StringJoiner(", ", "{u64=[", "]}");
        for (int i = 0; i < 4; i++) {
            words.add(TraceNames.hex(payload.getAtIndex(JAVA_LONG, i)));
        }
        return words.toString();
    }

    private static String signal(MemorySegment signal) {
        return "{trigger=" + TraceNames.signals(zx_packet_signal.trigger(signal))
                + ", observed=" + TraceNames.signals(zx_packet_signal.observed(signal))
                + ", count=" + zx_packet_signal.count(signal)
                + ", timestamp=" + zx_packet_signal.timestamp(signal) + "}";
    }

    private static String guestMem(MemorySegment mem) {
        return "{addr=" + TraceNames.hex(zx_packet_guest_mem.addr(mem))
                + ", cr3=" + TraceNames.hex(zx_packet_guest_mem.cr3(mem))
                + ", rip=" + TraceNames.hex(zx_packet_guest_mem.rip(mem))
                + ", instruction_size=" + Byte.toUnsignedInt(zx_packet_guest_mem.instruction_size(mem))
                + ", default_operand_size=" + Byte.toUnsignedInt(zx_packet_guest_mem.default_operand_size(mem))
                + "}";
    }

    private static String guestIo(MemorySegment io) {
        return "{port=" + TraceNames.hex(Short.toUnsignedInt(zx_packet_guest_io.port(io)))
                + ", access_size=" + Byte.toUnsignedInt(zx_packet_guest_io.access_size(io))
                + ", input=" + zx_packet_guest_io.input(io)
                + ", u32=" + TraceNames.hex(zx_packet_guest_io.u32(io)) + "}";
    }

    private static String guestVcpu(MemorySegment vcpu) {
        int type = zx_packet_guest_vcpu.type(vcpu);
        if (type == ZX_PKT_GUEST_VCPU_INTERRUPT()) {
            MemorySegment interrupt = zx_packet_guest_vcpu.interrupt(vcpu);
            return "{type=ZX_PKT_GUEST_VCPU_INTERRUPT, interrupt={mask="
                    + TraceNames.hex(zx_packet_guest_vcpu.interrupt.mask(interrupt))
                    + ", vector=" + Byte.toUnsignedInt(zx_packet_guest_vcpu.interrupt.vector(interrupt)) + "}}";
        }
        if (type == ZX_PKT_GUEST_VCPU_STARTUP()) {
            MemorySegment startup = zx_packet_guest_vcpu.startup(vcpu);
            return "{type=ZX_PKT_GUEST_VCPU_STARTUP, startup={id=" + zx_packet_guest_vcpu.startup.id(startup)
                    + ", entry=" + TraceNames.hex(zx_packet_guest_vcpu.startup.entry(startup)) + "}}";
        }
        return "{type=" + TraceNames.hex(type) + "}";
    }

    private static String pageRequest(MemorySegment request) {
        return "{command=" + TraceNames.pagerCommand(zx_packet_page_request.command(request))
                + ", flags=" + TraceNames.hex(Short.toUnsignedInt(zx_packet_page_request.flags(request)))
                + ", offset=" + zx_packet_page_request.offset(request)
                + ", length=" + zx_packet_page_request.length(request) + "}";
    }

    private static String powerTransition(MemorySegment request) {
        return "{domain_id=" + Integer.toUnsignedString(zx_packet_processor_power_level_transition_request.domain_id(request))
                + ", options=" + TraceNames.hex(zx_packet_processor_power_level_transition_request.options(request))
                + ", control_interface=" + zx_packet_processor_power_level_transition_request.control_interface(request)
                + ", control_argument=" + zx_packet_processor_power_level_transition_request.control_argument(request)
                + "}";
    }

    // C memory need not be aligned as the generated layouts require, so decoding works on an
    // 8-byte-aligned heap copy.
    private static MemorySegment aligned(MemorySegment source, long size) {
        MemorySegment copy = MemorySegment.ofArray(new long[(int) ((size + 7) / 8)]);
        MemorySegment.copy(source, 0, copy, 0, size);
        return copy;
    }

    // False for NULL and for UserPointers.BAD_POINTER, which both lie in the zero page.
    private static boolean usable(MemorySegment checked) {
        return checked.address() >= ZERO_PAGE_END;
    }
}
