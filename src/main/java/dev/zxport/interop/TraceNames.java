package dev.zxport.interop;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.zxport.sys.zircon_h.*;

/**
 * C constant names for syscall traces: statuses, rights, signals, packet types and the options
 * of each syscall. Values come from the generated bindings, so only the names are written here.
 * Unknown values print in hex, and unknown bits of a mask are appended as a hex remainder.
 */
// TODO: use dev.zxport.sys name helpers once merged.
final class TraceNames {
    private static final Map<Integer, String> STATUSES = new LinkedHashMap<>();
    private static final Map<Integer, String> RIGHTS = new LinkedHashMap<>();
    private static final Map<Integer, String> SIGNALS = new LinkedHashMap<>();
    private static final Map<Integer, String> PACKET_TYPES = new LinkedHashMap<>();
    private static final Map<Integer, String> WAIT_ASYNC_OPTIONS = new LinkedHashMap<>();
    private static final Map<Integer, String> INTERRUPT_MODES = new LinkedHashMap<>();
    private static final Map<Integer, String> INTERRUPT_OPTIONS = new LinkedHashMap<>();
    private static final Map<Integer, String> INFO_TOPICS = new LinkedHashMap<>();
    private static final Map<Integer, String> PAGER_COMMANDS = new LinkedHashMap<>();
    private static final Map<Integer, String> OBJECT_TYPES = new LinkedHashMap<>();

    static {
        STATUSES.put(ZX_OK(), "ZX_OK");
        STATUSES.put(ZX_ERR_INTERNAL(), "ZX_ERR_INTERNAL");
        STATUSES.put(ZX_ERR_NOT_SUPPORTED(), "ZX_ERR_NOT_SUPPORTED");
        STATUSES.put(ZX_ERR_NO_RESOURCES(), "ZX_ERR_NO_RESOURCES");
        STATUSES.put(ZX_ERR_NO_MEMORY(), "ZX_ERR_NO_MEMORY");
        STATUSES.put(ZX_ERR_INTERNAL_INTR_RETRY(), "ZX_ERR_INTERNAL_INTR_RETRY");
        STATUSES.put(ZX_ERR_INVALID_ARGS(), "ZX_ERR_INVALID_ARGS");
        STATUSES.put(ZX_ERR_BAD_HANDLE(), "ZX_ERR_BAD_HANDLE");
        STATUSES.put(ZX_ERR_WRONG_TYPE(), "ZX_ERR_WRONG_TYPE");
        STATUSES.put(ZX_ERR_BAD_SYSCALL(), "ZX_ERR_BAD_SYSCALL");
        STATUSES.put(ZX_ERR_OUT_OF_RANGE(), "ZX_ERR_OUT_OF_RANGE");
        STATUSES.put(ZX_ERR_BUFFER_TOO_SMALL(), "ZX_ERR_BUFFER_TOO_SMALL");
        STATUSES.put(ZX_ERR_BAD_STATE(), "ZX_ERR_BAD_STATE");
        STATUSES.put(ZX_ERR_TIMED_OUT(), "ZX_ERR_TIMED_OUT");
        STATUSES.put(ZX_ERR_SHOULD_WAIT(), "ZX_ERR_SHOULD_WAIT");
        STATUSES.put(ZX_ERR_CANCELED(), "ZX_ERR_CANCELED");
        STATUSES.put(ZX_ERR_PEER_CLOSED(), "ZX_ERR_PEER_CLOSED");
        STATUSES.put(ZX_ERR_NOT_FOUND(), "ZX_ERR_NOT_FOUND");
        STATUSES.put(ZX_ERR_ALREADY_EXISTS(), "ZX_ERR_ALREADY_EXISTS");
        STATUSES.put(ZX_ERR_ALREADY_BOUND(), "ZX_ERR_ALREADY_BOUND");
        STATUSES.put(ZX_ERR_UNAVAILABLE(), "ZX_ERR_UNAVAILABLE");
        STATUSES.put(ZX_ERR_ACCESS_DENIED(), "ZX_ERR_ACCESS_DENIED");
        STATUSES.put(ZX_ERR_IO(), "ZX_ERR_IO");
        STATUSES.put(ZX_ERR_IO_REFUSED(), "ZX_ERR_IO_REFUSED");
        STATUSES.put(ZX_ERR_IO_DATA_INTEGRITY(), "ZX_ERR_IO_DATA_INTEGRITY");
        STATUSES.put(ZX_ERR_IO_DATA_LOSS(), "ZX_ERR_IO_DATA_LOSS");
        STATUSES.put(ZX_ERR_IO_NOT_PRESENT(), "ZX_ERR_IO_NOT_PRESENT");
        STATUSES.put(ZX_ERR_IO_OVERRUN(), "ZX_ERR_IO_OVERRUN");
        STATUSES.put(ZX_ERR_IO_MISSED_DEADLINE(), "ZX_ERR_IO_MISSED_DEADLINE");
        STATUSES.put(ZX_ERR_IO_INVALID(), "ZX_ERR_IO_INVALID");
        STATUSES.put(ZX_ERR_BAD_PATH(), "ZX_ERR_BAD_PATH");
        STATUSES.put(ZX_ERR_NOT_DIR(), "ZX_ERR_NOT_DIR");
        STATUSES.put(ZX_ERR_NOT_FILE(), "ZX_ERR_NOT_FILE");
        STATUSES.put(ZX_ERR_FILE_BIG(), "ZX_ERR_FILE_BIG");
        STATUSES.put(ZX_ERR_NO_SPACE(), "ZX_ERR_NO_SPACE");
        STATUSES.put(ZX_ERR_NOT_EMPTY(), "ZX_ERR_NOT_EMPTY");
        STATUSES.put(ZX_ERR_STOP(), "ZX_ERR_STOP");
        STATUSES.put(ZX_ERR_NEXT(), "ZX_ERR_NEXT");
        STATUSES.put(ZX_ERR_ASYNC(), "ZX_ERR_ASYNC");
        STATUSES.put(ZX_ERR_PROTOCOL_NOT_SUPPORTED(), "ZX_ERR_PROTOCOL_NOT_SUPPORTED");
        STATUSES.put(ZX_ERR_ADDRESS_UNREACHABLE(), "ZX_ERR_ADDRESS_UNREACHABLE");
        STATUSES.put(ZX_ERR_ADDRESS_IN_USE(), "ZX_ERR_ADDRESS_IN_USE");
        STATUSES.put(ZX_ERR_NOT_CONNECTED(), "ZX_ERR_NOT_CONNECTED");
        STATUSES.put(ZX_ERR_CONNECTION_REFUSED(), "ZX_ERR_CONNECTION_REFUSED");
        STATUSES.put(ZX_ERR_CONNECTION_RESET(), "ZX_ERR_CONNECTION_RESET");
        STATUSES.put(ZX_ERR_CONNECTION_ABORTED(), "ZX_ERR_CONNECTION_ABORTED");
        STATUSES.put(ZX_ERR_INTERNAL_INTR_KILLED(), "ZX_ERR_INTERNAL_INTR_KILLED");

        RIGHTS.put(ZX_RIGHT_DUPLICATE(), "ZX_RIGHT_DUPLICATE");
        RIGHTS.put(ZX_RIGHT_TRANSFER(), "ZX_RIGHT_TRANSFER");
        RIGHTS.put(ZX_RIGHT_READ(), "ZX_RIGHT_READ");
        RIGHTS.put(ZX_RIGHT_WRITE(), "ZX_RIGHT_WRITE");
        RIGHTS.put(ZX_RIGHT_EXECUTE(), "ZX_RIGHT_EXECUTE");
        RIGHTS.put(ZX_RIGHT_MAP(), "ZX_RIGHT_MAP");
        RIGHTS.put(ZX_RIGHT_GET_PROPERTY(), "ZX_RIGHT_GET_PROPERTY");
        RIGHTS.put(ZX_RIGHT_SET_PROPERTY(), "ZX_RIGHT_SET_PROPERTY");
        RIGHTS.put(ZX_RIGHT_ENUMERATE(), "ZX_RIGHT_ENUMERATE");
        RIGHTS.put(ZX_RIGHT_DESTROY(), "ZX_RIGHT_DESTROY");
        RIGHTS.put(ZX_RIGHT_SET_POLICY(), "ZX_RIGHT_SET_POLICY");
        RIGHTS.put(ZX_RIGHT_GET_POLICY(), "ZX_RIGHT_GET_POLICY");
        RIGHTS.put(ZX_RIGHT_SIGNAL(), "ZX_RIGHT_SIGNAL");
        RIGHTS.put(ZX_RIGHT_SIGNAL_PEER(), "ZX_RIGHT_SIGNAL_PEER");
        RIGHTS.put(ZX_RIGHT_WAIT(), "ZX_RIGHT_WAIT");
        RIGHTS.put(ZX_RIGHT_INSPECT(), "ZX_RIGHT_INSPECT");
        RIGHTS.put(ZX_RIGHT_MANAGE_JOB(), "ZX_RIGHT_MANAGE_JOB");
        RIGHTS.put(ZX_RIGHT_MANAGE_PROCESS(), "ZX_RIGHT_MANAGE_PROCESS");
        RIGHTS.put(ZX_RIGHT_MANAGE_THREAD(), "ZX_RIGHT_MANAGE_THREAD");
        RIGHTS.put(ZX_RIGHT_APPLY_PROFILE(), "ZX_RIGHT_APPLY_PROFILE");
        RIGHTS.put(ZX_RIGHT_MANAGE_SOCKET(), "ZX_RIGHT_MANAGE_SOCKET");
        RIGHTS.put(ZX_RIGHT_OP_CHILDREN(), "ZX_RIGHT_OP_CHILDREN");
        RIGHTS.put(ZX_RIGHT_RESIZE(), "ZX_RIGHT_RESIZE");
        RIGHTS.put(ZX_RIGHT_ATTACH_VMO(), "ZX_RIGHT_ATTACH_VMO");
        RIGHTS.put(ZX_RIGHT_MANAGE_VMO(), "ZX_RIGHT_MANAGE_VMO");

        // The object-specific bits are named as the objects that zxport simulates use them:
        // bit 3 is an event's SIGNALED, bit 4 a virtual interrupt's UNTRIGGERED.
        SIGNALS.put(__ZX_OBJECT_READABLE(), "__ZX_OBJECT_READABLE");
        SIGNALS.put(__ZX_OBJECT_WRITABLE(), "__ZX_OBJECT_WRITABLE");
        SIGNALS.put(__ZX_OBJECT_PEER_CLOSED(), "__ZX_OBJECT_PEER_CLOSED");
        SIGNALS.put(ZX_EVENT_SIGNALED(), "ZX_EVENT_SIGNALED");
        SIGNALS.put(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), "ZX_VIRTUAL_INTERRUPT_UNTRIGGERED");
        for (int bit = 5; bit <= 22; bit++) {
            SIGNALS.put(1 << bit, "__ZX_OBJECT_SIGNAL_" + bit);
        }
        SIGNALS.put(ZX_SIGNAL_HANDLE_CLOSED(), "ZX_SIGNAL_HANDLE_CLOSED");
        for (int user = 0; user < 8; user++) {
            SIGNALS.put(ZX_USER_SIGNAL_0() << user, "ZX_USER_SIGNAL_" + user);
        }

        PACKET_TYPES.put(ZX_PKT_TYPE_USER(), "ZX_PKT_TYPE_USER");
        PACKET_TYPES.put(ZX_PKT_TYPE_SIGNAL_ONE(), "ZX_PKT_TYPE_SIGNAL_ONE");
        PACKET_TYPES.put(ZX_PKT_TYPE_GUEST_BELL(), "ZX_PKT_TYPE_GUEST_BELL");
        PACKET_TYPES.put(ZX_PKT_TYPE_GUEST_MEM(), "ZX_PKT_TYPE_GUEST_MEM");
        PACKET_TYPES.put(ZX_PKT_TYPE_GUEST_IO(), "ZX_PKT_TYPE_GUEST_IO");
        PACKET_TYPES.put(ZX_PKT_TYPE_GUEST_VCPU(), "ZX_PKT_TYPE_GUEST_VCPU");
        PACKET_TYPES.put(ZX_PKT_TYPE_INTERRUPT(), "ZX_PKT_TYPE_INTERRUPT");
        PACKET_TYPES.put(ZX_PKT_TYPE_PAGE_REQUEST(), "ZX_PKT_TYPE_PAGE_REQUEST");
        PACKET_TYPES.put(ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST(),
                "ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST");

        WAIT_ASYNC_OPTIONS.put(ZX_WAIT_ASYNC_TIMESTAMP(), "ZX_WAIT_ASYNC_TIMESTAMP");
        WAIT_ASYNC_OPTIONS.put(ZX_WAIT_ASYNC_EDGE(), "ZX_WAIT_ASYNC_EDGE");
        WAIT_ASYNC_OPTIONS.put(ZX_WAIT_ASYNC_BOOT_TIMESTAMP(), "ZX_WAIT_ASYNC_BOOT_TIMESTAMP");

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

        OBJECT_TYPES.put(ZX_OBJ_TYPE_NONE(), "ZX_OBJ_TYPE_NONE");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_PROCESS(), "ZX_OBJ_TYPE_PROCESS");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_THREAD(), "ZX_OBJ_TYPE_THREAD");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_VMO(), "ZX_OBJ_TYPE_VMO");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_CHANNEL(), "ZX_OBJ_TYPE_CHANNEL");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_EVENT(), "ZX_OBJ_TYPE_EVENT");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_PORT(), "ZX_OBJ_TYPE_PORT");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_INTERRUPT(), "ZX_OBJ_TYPE_INTERRUPT");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_EVENTPAIR(), "ZX_OBJ_TYPE_EVENTPAIR");
        OBJECT_TYPES.put(ZX_OBJ_TYPE_TIMER(), "ZX_OBJ_TYPE_TIMER");

        PAGER_COMMANDS.put((int) ZX_PAGER_VMO_READ(), "ZX_PAGER_VMO_READ");
        PAGER_COMMANDS.put((int) ZX_PAGER_VMO_COMPLETE(), "ZX_PAGER_VMO_COMPLETE");
        PAGER_COMMANDS.put((int) ZX_PAGER_VMO_DIRTY(), "ZX_PAGER_VMO_DIRTY");
    }

    private TraceNames() {
    }

    static String status(int status) {
        String name = STATUSES.get(status);
        return name != null ? name : Integer.toString(status);
    }

    static String rights(int rights) {
        if (rights == ZX_RIGHT_SAME_RIGHTS()) {
            return "ZX_RIGHT_SAME_RIGHTS";
        }
        return flags(rights, RIGHTS, "ZX_RIGHT_NONE");
    }

    static String signals(int signals) {
        return flags(signals, SIGNALS, "ZX_SIGNAL_NONE");
    }

    static String packetType(int type) {
        return named(type, PACKET_TYPES);
    }

    static String portCreateOptions(int options) {
        return options == ZX_PORT_BIND_TO_INTERRUPT() ? "ZX_PORT_BIND_TO_INTERRUPT" : hex(options);
    }

    static String waitAsyncOptions(int options) {
        return flags(options, WAIT_ASYNC_OPTIONS, "ZX_WAIT_ASYNC_ONCE");
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
        return named(type, OBJECT_TYPES);
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
