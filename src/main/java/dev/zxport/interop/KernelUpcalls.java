package dev.zxport.interop;

import dev.zxport.Kernel;
import dev.zxport.sys.zx_info_handle_basic;
import dev.zxport.sys.zx_port_packet;
import dev.zxport.sys.zxport_syscall_table;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.zxport.interop.UserPointers.readable;
import static dev.zxport.interop.UserPointers.writable;
import static dev.zxport.sys.zircon_h.*;

/**
 * The targets of the upcall stubs in the shim's syscall table. Each one checks the C pointers it
 * receives (see {@link UserPointers}), calls the installed {@link Kernel}, traces the call when
 * tracing is on, and returns the status to C.
 *
 * <p>No exception leaves an upcall, because one would crash the JVM: an unexpected throwable
 * becomes {@code ZX_ERR_INTERNAL} (0 from the clock calls), and the first is reported on stderr.
 * A call while nothing is installed returns {@code ZX_ERR_BAD_STATE} (0 from the clock calls).
 */
final class KernelUpcalls {
    private static final long HANDLE_SIZE = zx_handle_t.byteSize();
    private static final long SIGNALS_SIZE = zx_signals_t.byteSize();
    private static final long SIZE_T_SIZE = C_LONG.byteSize();
    private static final long TIMESTAMP_SIZE = zx_instant_boot_t.byteSize();
    private static final long PACKET_SIZE = zx_port_packet.sizeof();
    private static final long INFO_RECORD_SIZE = zx_info_handle_basic.sizeof();

    /** The kernel and trace that the upcalls use, or null when nothing is installed. */
    record Binding(Kernel kernel, SyscallTrace trace) {
    }

    private static volatile Binding binding;
    private static final AtomicBoolean internalErrorReported = new AtomicBoolean();
    private static final AtomicBoolean missingKernelReported = new AtomicBoolean();

    private KernelUpcalls() {
    }

    /** Makes every upcall use {@code next}, or fail with {@code ZX_ERR_BAD_STATE} when it is null. */
    static void bind(Binding next) {
        binding = next;
    }

    static Binding bound() {
        return binding;
    }

    /** Allocates a {@code zxport_syscall_table_t} whose entries are upcall stubs into this class. */
    static MemorySegment allocateTable(Arena arena) {
        MemorySegment table = zxport_syscall_table.allocate(arena);
        zxport_syscall_table.port_create(table,
                zxport_syscall_table.port_create.allocate(KernelUpcalls::portCreate, arena));
        zxport_syscall_table.port_queue(table,
                zxport_syscall_table.port_queue.allocate(KernelUpcalls::portQueue, arena));
        zxport_syscall_table.port_wait(table,
                zxport_syscall_table.port_wait.allocate(KernelUpcalls::portWait, arena));
        zxport_syscall_table.port_cancel(table,
                zxport_syscall_table.port_cancel.allocate(KernelUpcalls::portCancel, arena));
        zxport_syscall_table.port_cancel_key(table,
                zxport_syscall_table.port_cancel_key.allocate(KernelUpcalls::portCancelKey, arena));

        zxport_syscall_table.object_wait_async(table,
                zxport_syscall_table.object_wait_async.allocate(KernelUpcalls::objectWaitAsync, arena));
        zxport_syscall_table.object_wait_one(table,
                zxport_syscall_table.object_wait_one.allocate(KernelUpcalls::objectWaitOne, arena));
        zxport_syscall_table.object_signal(table,
                zxport_syscall_table.object_signal.allocate(KernelUpcalls::objectSignal, arena));
        zxport_syscall_table.object_get_info(table,
                zxport_syscall_table.object_get_info.allocate(KernelUpcalls::objectGetInfo, arena));

        zxport_syscall_table.event_create(table,
                zxport_syscall_table.event_create.allocate(KernelUpcalls::eventCreate, arena));

        zxport_syscall_table.handle_close(table,
                zxport_syscall_table.handle_close.allocate(KernelUpcalls::handleClose, arena));
        zxport_syscall_table.handle_close_many(table,
                zxport_syscall_table.handle_close_many.allocate(KernelUpcalls::handleCloseMany, arena));
        zxport_syscall_table.handle_duplicate(table,
                zxport_syscall_table.handle_duplicate.allocate(KernelUpcalls::handleDuplicate, arena));
        zxport_syscall_table.handle_replace(table,
                zxport_syscall_table.handle_replace.allocate(KernelUpcalls::handleReplace, arena));

        zxport_syscall_table.interrupt_create(table,
                zxport_syscall_table.interrupt_create.allocate(KernelUpcalls::interruptCreate, arena));
        zxport_syscall_table.interrupt_bind(table,
                zxport_syscall_table.interrupt_bind.allocate(KernelUpcalls::interruptBind, arena));
        zxport_syscall_table.interrupt_trigger(table,
                zxport_syscall_table.interrupt_trigger.allocate(KernelUpcalls::interruptTrigger, arena));
        zxport_syscall_table.interrupt_ack(table,
                zxport_syscall_table.interrupt_ack.allocate(KernelUpcalls::interruptAck, arena));
        zxport_syscall_table.interrupt_destroy(table,
                zxport_syscall_table.interrupt_destroy.allocate(KernelUpcalls::interruptDestroy, arena));
        zxport_syscall_table.interrupt_wait(table,
                zxport_syscall_table.interrupt_wait.allocate(KernelUpcalls::interruptWait, arena));

        zxport_syscall_table.clock_get_monotonic(table,
                zxport_syscall_table.clock_get_monotonic.allocate(KernelUpcalls::clockGetMonotonic, arena));
        zxport_syscall_table.deadline_after(table,
                zxport_syscall_table.deadline_after.allocate(KernelUpcalls::deadlineAfter, arena));
        return table;
    }

    // -------------------------------------------------------------------------------------------
    // Ports
    // -------------------------------------------------------------------------------------------

    static int portCreate(int options, MemorySegment out) {
        String name = "zx_port_create";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedOut = writable(out, HANDLE_SIZE);
            int status = current.kernel().zx_port_create(options, checkedOut);
            if (current.trace() != null) {
                current.trace().print(name, status, TraceNames.portCreateOptions(options),
                        SyscallTrace.handleOut(out, checkedOut, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int portQueue(int handle, MemorySegment packet) {
        String name = "zx_port_queue";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedPacket = readable(packet, PACKET_SIZE);
            int status = current.kernel().zx_port_queue(handle, checkedPacket);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle),
                        SyscallTrace.packetIn(packet, checkedPacket));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int portWait(int handle, long deadline, MemorySegment packet) {
        String name = "zx_port_wait";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedPacket = writable(packet, PACKET_SIZE);
            int status = current.kernel().zx_port_wait(handle, deadline, checkedPacket);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.deadline(deadline),
                        SyscallTrace.packetOut(packet, checkedPacket, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int portCancel(int handle, int source, long key) {
        String name = "zx_port_cancel";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_port_cancel(handle, source, key);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), SyscallTrace.handle(source),
                        Long.toUnsignedString(key));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int portCancelKey(int handle, int options, long key) {
        String name = "zx_port_cancel_key";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_port_cancel_key(handle, options, key);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.hex(options),
                        Long.toUnsignedString(key));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Objects and events
    // -------------------------------------------------------------------------------------------

    static int objectWaitAsync(int handle, int port, long key, int signals, int options) {
        String name = "zx_object_wait_async";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_object_wait_async(handle, port, key, signals, options);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), SyscallTrace.handle(port),
                        Long.toUnsignedString(key), TraceNames.signals(signals), TraceNames.waitAsyncOptions(options));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int objectWaitOne(int handle, int signals, long deadline, MemorySegment observed) {
        String name = "zx_object_wait_one";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedObserved = writable(observed, SIGNALS_SIZE);
            int status = current.kernel().zx_object_wait_one(handle, signals, deadline, checkedObserved);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.signals(signals),
                        TraceNames.deadline(deadline), SyscallTrace.signalsOut(observed, checkedObserved, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int objectSignal(int handle, int clearMask, int setMask) {
        String name = "zx_object_signal";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_object_signal(handle, clearMask, setMask);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.signals(clearMask),
                        TraceNames.signals(setMask));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int objectGetInfo(int handle, int topic, MemorySegment buffer, long bufferSize,
                             MemorySegment actual, MemorySegment avail) {
        String name = "zx_object_get_info";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            // The kernel writes at most one record, so only that much of the buffer must be writable.
            long recordBytes = Long.compareUnsigned(bufferSize, INFO_RECORD_SIZE) < 0 ? bufferSize : INFO_RECORD_SIZE;
            MemorySegment checkedBuffer = writable(buffer, recordBytes);
            MemorySegment checkedActual = writable(actual, SIZE_T_SIZE);
            MemorySegment checkedAvail = writable(avail, SIZE_T_SIZE);
            int status = current.kernel().zx_object_get_info(handle, topic, checkedBuffer, bufferSize,
                    checkedActual, checkedAvail);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.infoTopic(topic),
                        SyscallTrace.infoOut(buffer, checkedBuffer, topic, status), Long.toUnsignedString(bufferSize),
                        SyscallTrace.sizeOut(actual, checkedActual, status),
                        SyscallTrace.sizeOut(avail, checkedAvail, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int eventCreate(int options, MemorySegment out) {
        String name = "zx_event_create";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedOut = writable(out, HANDLE_SIZE);
            int status = current.kernel().zx_event_create(options, checkedOut);
            if (current.trace() != null) {
                current.trace().print(name, status, TraceNames.hex(options),
                        SyscallTrace.handleOut(out, checkedOut, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Handles
    // -------------------------------------------------------------------------------------------

    static int handleClose(int handle) {
        String name = "zx_handle_close";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_handle_close(handle);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int handleCloseMany(MemorySegment handles, long numHandles) {
        String name = "zx_handle_close_many";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            // A count whose byte size overflows cannot describe readable memory; the kernel
            // rejects it before reading anything.
            boolean sizeFits = numHandles >= 0 && numHandles <= Long.MAX_VALUE / HANDLE_SIZE;
            MemorySegment checkedHandles = sizeFits
                    ? readable(handles, numHandles * HANDLE_SIZE)
                    : (handles.address() == 0 ? MemorySegment.NULL : UserPointers.BAD_POINTER);
            int status = current.kernel().zx_handle_close_many(checkedHandles, numHandles);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handleArray(handles, checkedHandles, numHandles),
                        Long.toUnsignedString(numHandles));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int handleDuplicate(int handle, int rights, MemorySegment out) {
        String name = "zx_handle_duplicate";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedOut = writable(out, HANDLE_SIZE);
            int status = current.kernel().zx_handle_duplicate(handle, rights, checkedOut);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.rights(rights),
                        SyscallTrace.handleOut(out, checkedOut, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int handleReplace(int handle, int rights, MemorySegment out) {
        String name = "zx_handle_replace";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedOut = writable(out, HANDLE_SIZE);
            int status = current.kernel().zx_handle_replace(handle, rights, checkedOut);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.rights(rights),
                        SyscallTrace.handleOut(out, checkedOut, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Interrupts
    // -------------------------------------------------------------------------------------------

    static int interruptCreate(int srcObj, int srcNum, int options, MemorySegment outHandle) {
        String name = "zx_interrupt_create";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedOut = writable(outHandle, HANDLE_SIZE);
            int status = current.kernel().zx_interrupt_create(srcObj, srcNum, options, checkedOut);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(srcObj), Integer.toUnsignedString(srcNum),
                        TraceNames.interruptCreateOptions(options), SyscallTrace.handleOut(outHandle, checkedOut, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int interruptBind(int handle, int portHandle, long key, int options) {
        String name = "zx_interrupt_bind";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_interrupt_bind(handle, portHandle, key, options);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), SyscallTrace.handle(portHandle),
                        Long.toUnsignedString(key), TraceNames.interruptBindOptions(options));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int interruptTrigger(int handle, int options, long timestamp) {
        String name = "zx_interrupt_trigger";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_interrupt_trigger(handle, options, timestamp);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle), TraceNames.hex(options),
                        Long.toString(timestamp));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int interruptAck(int handle) {
        String name = "zx_interrupt_ack";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_interrupt_ack(handle);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int interruptDestroy(int handle) {
        String name = "zx_interrupt_destroy";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            int status = current.kernel().zx_interrupt_destroy(handle);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    static int interruptWait(int handle, MemorySegment outTimestamp) {
        String name = "zx_interrupt_wait";
        Binding current = binding;
        if (current == null) {
            return missingKernel(name);
        }
        try {
            MemorySegment checkedOut = writable(outTimestamp, TIMESTAMP_SIZE);
            int status = current.kernel().zx_interrupt_wait(handle, checkedOut);
            if (current.trace() != null) {
                current.trace().print(name, status, SyscallTrace.handle(handle),
                        SyscallTrace.timestampOut(outTimestamp, checkedOut, status));
            }
            return status;
        } catch (Throwable e) {
            return internalError(name, e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Clock
    // -------------------------------------------------------------------------------------------

    static long clockGetMonotonic() {
        String name = "zx_clock_get_monotonic";
        Binding current = binding;
        if (current == null) {
            missingKernel(name);
            return 0;
        }
        try {
            long now = current.kernel().zx_clock_get_monotonic();
            if (current.trace() != null) {
                current.trace().printTime(name, now);
            }
            return now;
        } catch (Throwable e) {
            internalError(name, e);
            return 0;
        }
    }

    static long deadlineAfter(long nanoseconds) {
        String name = "zx_deadline_after";
        Binding current = binding;
        if (current == null) {
            missingKernel(name);
            return 0;
        }
        try {
            long deadline = current.kernel().zx_deadline_after(nanoseconds);
            if (current.trace() != null) {
                current.trace().printTime(name, deadline, Long.toString(nanoseconds));
            }
            return deadline;
        } catch (Throwable e) {
            internalError(name, e);
            return 0;
        }
    }

    // -------------------------------------------------------------------------------------------
    // Failures
    // -------------------------------------------------------------------------------------------

    private static int missingKernel(String syscall) {
        if (missingKernelReported.compareAndSet(false, true)) {
            report("zxport: " + syscall + " was called while no Java kernel was installed; it and later such "
                    + "calls return ZX_ERR_BAD_STATE", null);
        }
        return ZX_ERR_BAD_STATE();
    }

    private static int internalError(String syscall, Throwable error) {
        if (internalErrorReported.compareAndSet(false, true)) {
            report("zxport: internal error in " + syscall + ", which returns ZX_ERR_INTERNAL (later internal "
                    + "errors are not reported): " + error, error);
        }
        return ZX_ERR_INTERNAL();
    }

    private static void report(String message, Throwable error) {
        try {
            System.err.println(message);
            if (error != null) {
                error.printStackTrace();
            }
        } catch (Throwable ignored) {
            // Reporting must not throw out of an upcall either. The returned status still reports the failure.
        }
    }
}
