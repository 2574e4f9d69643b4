package dev.zxport.interop;

import dev.zxport.sys.ZxNames;
import dev.zxport.sys.ZxPacketTypes;
import dev.zxport.sys.ZxStatus;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.zxport.sys.zircon_h.*;

/**
 * C constant names for syscall traces: statuses, rights, signals, packet types and the options
 * of each syscall. Statuses, rights, signals, packet and object types come from the name helpers
 * in {@code dev.zxport.sys}. The option tables of single syscalls are kept here. An unknown
 * status prints as {@code ZX_ERR_<unknown N>}, other unknown values in hex, and unknown bits of a
 * mask are appended as a hex remainder.
 */
final class TraceNames {
    private static final Map<Integer, String> INTERRUPT_MODES = new LinkedHashMap<>();
    private static final Map<Integer, String> INTERRUPT_OPTIONS = new LinkedHashMap<>();
    private static final Map<Integer, String> INFO_TOPICS = new LinkedHashMap<>();
    private static final Map<Integer, String> PAGER_COMMANDS = new LinkedHashMap<>();

    static {
        INTERRUPT_MODES.put(ZX_INTERRUPT_MODE_EDGE_LOW(), "ZX_INTERRUPT_MODE_EDGE_LOW");
        INTERRUPT_MODES.put(ZX_INTERRUPT_MODE_EDGE_HIGH(), "ZX_INTERRUPT_MODE_EDGE_HIGH");
        INTERRUPT_MODES.put(ZX_INTERRUPT_MODE_LEVEL_LOW(), "ZX_INTERRUPT_MODE_LEVEL_LOW");
        INTERRUPT_MODES.put(ZX_INTERRUPT_MODE_LEVEL_HIGH(), "ZX_INTERRUPT_MODE_LEVEL_HIGH");
        INTERRUPT_MODES.put(ZX_INTERRUPT_MODE_EDGE_BOTH(), "ZX_INTERRUPT_MODE_EDGE_BOTH");

        INTERRUPT_OPTIONS.put(ZX_INTERRUPT_REMAP_IRQ(), "ZX_INTERRUPT_REMAP_IRQ");
        INTERRUPT_OPTIONS.put(ZX_INTERRUPT_VIRTUAL(), "ZX_INTERRUPT_VIRTUAL");
        INTERRUPT_OPTIONS.put(ZX_INTERRUPT_WAKE_VECTOR(), "ZX_INTERRUPT_WAKE_VECTOR");
        INTERRUPT_OPTIONS.put(ZX_INTERRUPT_TIMESTAMP_MONO(), "ZX_INTERRUPT_TIMESTAMP_MONO");

        INFO_TOPICS.put(ZX_INFO_HANDLE_VALID(), "ZX_INFO_HANDLE_VALID");
        INFO_TOPICS.put(ZX_INFO_HANDLE_BASIC(), "ZX_INFO_HANDLE_BASIC");

        PAGER_COMMANDS.put((int) ZX_PAGER_VMO_READ(), "ZX_PAGER_VMO_READ");
        PAGER_COMMANDS.put((int) ZX_PAGER_VMO_COMPLETE(), "ZX_PAGER_VMO_COMPLETE");
        PAGER_COMMANDS.put((int) ZX_PAGER_VMO_DIRTY(), "ZX_PAGER_VMO_DIRTY");
    }

    private TraceNames() {
    }

    static String status(int status) {
        return ZxStatus.name(status);
    }

    static String rights(int rights) {
        return ZxNames.rights(rights);
    }

    static String signals(int signals) {
        return ZxNames.signals(signals);
    }

    static String packetType(int type) {
        return ZxPacketTypes.name(type);
    }

    static String portCreateOptions(int options) {
        return options == ZX_PORT_BIND_TO_INTERRUPT() ? "ZX_PORT_BIND_TO_INTERRUPT" : hex(options);
    }

    static String waitAsyncOptions(int options) {
        return ZxNames.waitAsyncOptions(options);
    }

    /** Names the mode field ({@code ZX_INTERRUPT_MODE_*}) and the flag bits of {@code zx_interrupt_create}. */
    static String interruptCreateOptions(int options) {
        int mode = options & ZX_INTERRUPT_MODE_MASK();
        String modeName = mode == ZX_INTERRUPT_MODE_DEFAULT() ? null : named(mode, INTERRUPT_MODES);
        String rest = flags(options & ~ZX_INTERRUPT_MODE_MASK(), INTERRUPT_OPTIONS, null);
        if (modeName == null) {
            return rest == null ? "ZX_INTERRUPT_MODE_DEFAULT" : rest;
        }
        return rest == null ? modeName : modeName + "|" + rest;
    }

    static String interruptBindOptions(int options) {
        if (options == ZX_INTERRUPT_BIND()) {
            return "ZX_INTERRUPT_BIND";
        }
        return options == ZX_INTERRUPT_UNBIND() ? "ZX_INTERRUPT_UNBIND" : hex(options);
    }

    static String objectType(int type) {
        return ZxNames.objectType(type);
    }

    static String infoTopic(int topic) {
        return named(topic, INFO_TOPICS);
    }

    static String pagerCommand(short command) {
        return named(Short.toUnsignedInt(command), PAGER_COMMANDS);
    }

    /** Names a deadline: {@code ZX_TIME_INFINITE}, {@code ZX_TIME_INFINITE_PAST} or nanoseconds. */
    static String deadline(long deadline) {
        if (deadline == ZX_TIME_INFINITE()) {
            return "ZX_TIME_INFINITE";
        }
        return deadline == ZX_TIME_INFINITE_PAST() ? "ZX_TIME_INFINITE_PAST" : Long.toString(deadline);
    }

    /** Formats {@code value} as unsigned hex with a {@code 0x} prefix, and 0 as {@code 0}, as strace does. */
    static String hex(int value) {
        return value == 0 ? "0" : "0x" + Integer.toHexString(value);
    }

    static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    private static String named(int value, Map<Integer, String> names) {
        String name = names.get(value);
        return name != null ? name : hex(value);
    }

    // Joins the names of the set bits with '|' in table order and appends unnamed bits in hex;
    // returns zeroName for 0.
    private static String flags(int value, Map<Integer, String> names, String zeroName) {
        if (value == 0) {
            return zeroName;
        }
        StringBuilder text = new StringBuilder();
        int remaining = value;
        for (Map.Entry<Integer, String> entry : names.entrySet()) {
            int bits = entry.getKey();
            if (bits != 0 && (remaining & bits) == bits) {
                append(text, entry.getValue());
                remaining &= ~bits;
            }
        }
        if (remaining != 0) {
            append(text, hex(remaining));
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (!text.isEmpty()) {
            text.append('|');
        }
        text.append(part);
    }
}
