package dev.zxport.interop;

import org.junit.jupiter.api.Test;

import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The constant names that {@code zxport run --trace} prints for syscall arguments and results. */
class TraceNamesTest {
    @Test
    void statusesByName() {
        assertEquals("ZX_OK", TraceNames.status(ZX_OK()));
        assertEquals("ZX_ERR_TIMED_OUT", TraceNames.status(ZX_ERR_TIMED_OUT()));
        assertEquals("ZX_ERR_<unknown -99>", TraceNames.status(-99));
    }

    @Test
    void rightsAsFlags() {
        assertEquals("ZX_RIGHT_DUPLICATE|ZX_RIGHT_TRANSFER|ZX_RIGHT_READ|ZX_RIGHT_WRITE|ZX_RIGHT_INSPECT",
                TraceNames.rights(ZX_DEFAULT_PORT_RIGHTS()));
        assertEquals("ZX_RIGHT_SAME_RIGHTS", TraceNames.rights(ZX_RIGHT_SAME_RIGHTS()));
        assertEquals("ZX_RIGHT_NONE", TraceNames.rights(0));
    }

    @Test
    void signalsAsFlags() {
        assertEquals("ZX_EVENT_SIGNALED|ZX_USER_SIGNAL_0", TraceNames.signals(ZX_USER_SIGNAL_0() | ZX_EVENT_SIGNALED()));
        assertEquals("ZX_SIGNAL_NONE", TraceNames.signals(0));
    }

    @Test
    void optionsOfEachSyscall() {
        assertEquals("ZX_PORT_BIND_TO_INTERRUPT", TraceNames.portCreateOptions(ZX_PORT_BIND_TO_INTERRUPT()));
        assertEquals("0x2", TraceNames.portCreateOptions(2));
        assertEquals("ZX_WAIT_ASYNC_ONCE", TraceNames.waitAsyncOptions(0));
        assertEquals("ZX_WAIT_ASYNC_TIMESTAMP|ZX_WAIT_ASYNC_EDGE",
                TraceNames.waitAsyncOptions(ZX_WAIT_ASYNC_TIMESTAMP() | ZX_WAIT_ASYNC_EDGE()));
        assertEquals("ZX_INTERRUPT_VIRTUAL", TraceNames.interruptCreateOptions(ZX_INTERRUPT_VIRTUAL()));
        assertEquals("ZX_INTERRUPT_UNBIND", TraceNames.interruptBindOptions(ZX_INTERRUPT_UNBIND()));
        assertEquals("ZX_INFO_HANDLE_BASIC", TraceNames.infoTopic(ZX_INFO_HANDLE_BASIC()));
    }

    @Test
    void typesAndDeadlines() {
        assertEquals("ZX_PKT_TYPE_INTERRUPT", TraceNames.packetType(ZX_PKT_TYPE_INTERRUPT()));
        assertEquals("ZX_OBJ_TYPE_PORT", TraceNames.objectType(ZX_OBJ_TYPE_PORT()));
        assertEquals("ZX_TIME_INFINITE", TraceNames.deadline(ZX_TIME_INFINITE()));
        assertEquals("ZX_TIME_INFINITE_PAST", TraceNames.deadline(ZX_TIME_INFINITE_PAST()));
        assertEquals("1000", TraceNames.deadline(1000));
    }
}
