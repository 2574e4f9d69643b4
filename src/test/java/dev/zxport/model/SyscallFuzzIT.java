package dev.zxport.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zxport.Kernel;
import dev.zxport.model.Op.Deadline;
import dev.zxport.model.Op.HandleRef;
import dev.zxport.model.Op.RefKind;
import dev.zxport.model.Op.Want;
import dev.zxport.model.ReferenceKernel.Ptr;

import java.util.ArrayList;
import java.util.List;

import static dev.zxport.sys.zircon_h.*;

/**
 * Coverage-guided fuzz test of the syscall surface of {@link Kernel}: Jazzer's bytes are decoded
 * into {@link Op} steps and run through {@link ModelHarness}, which compares every status, output,
 * packet and handle against {@link ReferenceKernel} after each step. A difference fails with an
 * {@link AssertionError} that carries the sequence as Java calls; an exception escaping a syscall
 * fails as it is.
 *
 * <p>Without the environment variable {@code JAZZER_FUZZ} the test runs only the seed inputs under
 * {@code src/test/resources/dev/zxport/model/SyscallFuzzITInputs/} and an empty input. It runs
 * under failsafe, which uses the classpath, so the unit tests keep their module-path setup.
 * Every wait uses {@code ZX_TIME_INFINITE_PAST}, zero or the manual clock's current time, and the
 * harness skips an interrupt wait that would block, so no input can hang the test.
 */
class SyscallFuzzIT {
    /** Maximum steps per input. Decoding stops there even if bytes remain, which bounds one execution. */
    static final int MAX_STEPS = 64;

    @FuzzTest(maxDuration = "5m")
    void syscallsMatchModel(FuzzedDataProvider data) {
        long handleSeed = data.consumeLong();
        int maxHandles = data.consumeBoolean() ? 6 : Kernel.DEFAULT_MAX_HANDLES;
        FaultSpec faults = faults(data);
        try (ModelHarness harness = new ModelHarness(handleSeed, maxHandles, faults.plan())) {
            for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
                harness.run(op(data));
            }
        }
    }

    private static FaultSpec faults(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> new FaultSpec(FaultSpec.Kind.NTH, data.consumeLong(1, 30), 0);
            case 1 -> new FaultSpec(FaultSpec.Kind.EVERY_NTH, data.consumeLong(2, 6), 0);
            case 2 -> new FaultSpec(FaultSpec.Kind.RANDOM, 1, data.consumeLong());
            default -> new FaultSpec(FaultSpec.Kind.NONE, 1, 0);
        };
    }

    /** Decodes one step. One value picks the syscall, then each argument consumes what it needs. */
    private static Op op(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 21)) {
            case 0 -> new Op.PortCreate(intOrAny(data, 0, ZX_PORT_BIND_TO_INTERRUPT(), 2, 3), out(data));
            case 1 -> new Op.EventCreate(options(data, 0), out(data));
            case 2 -> new Op.InterruptCreate(handle(data, Want.ANY), interruptOptions(data), out(data));
            case 3 -> new Op.PortQueue(handle(data, Want.PORT), key(data), intOf(data, 0, 0, 1, 5, 7),
                    intOf(data, 0, -3, 1, Integer.MIN_VALUE), data.consumeLong(), in(data));
            case 4 -> new Op.PortWait(handle(data, Want.PORT), deadline(data), out(data));
            case 5 -> new Op.PortCancel(handle(data, Want.PORT), handle(data, Want.WAITABLE), key(data));
            case 6 -> new Op.PortCancelKey(handle(data, Want.PORT), options(data, 0), key(data));
            case 7 -> new Op.WaitAsync(handle(data, Want.WAITABLE), handle(data, Want.PORT), key(data), signals(data),
                    intOrAny(data, 0, 1, 2, 3, 4, 6, 5, 7, 8, 20));
            case 8 -> new Op.WaitOne(handle(data, Want.WAITABLE), signals(data), deadline(data), inOrNull(data));
            case 9 -> new Op.Signal(handle(data, Want.WAITABLE), signals(data), signals(data));
            case 10 -> new Op.GetInfo(handle(data, Want.ANY),
                    intOrAny(data, ZX_INFO_HANDLE_BASIC(), ZX_INFO_HANDLE_VALID(), 0, 3),
                    longOrAny(data, 32L, 0L, 31L, 64L, -1L), out(data), inOrNull(data), inOrNull(data));
            case 11 -> new Op.Close(handle(data, Want.ANY));
            case 12 -> closeMany(data);
            case 13 -> new Op.Duplicate(handle(data, Want.ANY), rights(data), out(data));
            case 14 -> new Op.Replace(handle(data, Want.ANY), rights(data), out(data));
            case 15 -> new Op.InterruptBind(handle(data, Want.INTERRUPT), handle(data, Want.PORT), key(data),
                    intOrAny(data, 0, 1, 2));
            case 16 -> new Op.InterruptTrigger(handle(data, Want.INTERRUPT), options(data, 0), timestamp(data));
            case 17 -> new Op.InterruptAck(handle(data, Want.INTERRUPT));
            case 18 -> new Op.InterruptDestroy(handle(data, Want.INTERRUPT));
            case 19 -> new Op.InterruptWait(handle(data, Want.INTERRUPT), inOrNull(data));
            case 20 -> new Op.AdvanceClock(data.consumeBoolean() ? longOf(data, 1L, 1000L)
                    : data.consumeLong(0, 1_000_000_000L));
            default -> new Op.DeadlineAfter(longOrAny(data, 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        };
    }

    private static Op closeMany(FuzzedDataProvider data) {
        int count = data.consumeInt(0, 4);
        List<HandleRef> handles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            handles.add(handle(data, Want.ANY));
        }
        return new Op.CloseMany(handles, in(data));
    }

    /**
     * Decodes a handle argument: mostly a live one of the wanted type, else a value returned earlier (possibly
     * closed), {@code ZX_HANDLE_INVALID}, a forged value (bit 0 cleared, or XOR 4), a value of
     * another kernel, or an arbitrary value.
     */
    private static HandleRef handle(FuzzedDataProvider data, Want want) {
        int roll = data.consumeInt(0, 15);
        RefKind kind = roll < 9 ? RefKind.LIVE : RefKind.values()[roll - 9];
        int index = data.consumeInt(0, 15);
        int raw = kind == RefKind.RAW ? data.consumeInt() : 0;
        return new HandleRef(kind, index, raw, want);
    }

    /** Decodes output memory: mostly valid, else NULL, one byte short, read-only or from a closed arena. */
    private static Ptr out(FuzzedDataProvider data) {
        int roll = data.consumeInt(0, 7);
        return roll < 4 ? Ptr.OK : Ptr.values()[roll - 3];
    }

    /** Decodes input memory, which may be read-only. */
    private static Ptr in(FuzzedDataProvider data) {
        return oneOf(data, Ptr.OK, Ptr.OK, Ptr.OK, Ptr.READ_ONLY, Ptr.NULL, Ptr.SHORT, Ptr.CLOSED);
    }

    /** Decodes memory for an optional output, for which NULL is valid. */
    private static Ptr inOrNull(FuzzedDataProvider data) {
        return oneOf(data, Ptr.OK, Ptr.OK, Ptr.OK, Ptr.NULL, Ptr.NULL, Ptr.SHORT, Ptr.READ_ONLY, Ptr.CLOSED);
    }

    private static Deadline deadline(FuzzedDataProvider data) {
        return Deadline.values()[data.consumeInt(0, Deadline.values().length - 1)];
    }

    private static int options(FuzzedDataProvider data, int valid) {
        return data.consumeInt(0, 7) == 0 ? data.consumeInt() : valid;
    }

    private static int interruptOptions(FuzzedDataProvider data) {
        return intOrAny(data, ZX_INTERRUPT_VIRTUAL(), ZX_INTERRUPT_VIRTUAL(), ZX_INTERRUPT_VIRTUAL(), 0,
                ZX_INTERRUPT_VIRTUAL() | 0x20, ZX_INTERRUPT_SLOT_USER(), ZX_INTERRUPT_VIRTUAL() | 1);
    }

    private static long key(FuzzedDataProvider data) {
        return data.consumeInt(0, 7) == 0 ? data.consumeLong() : data.consumeLong(0, 3);
    }

    private static int signals(FuzzedDataProvider data) {
        return intOrAny(data, 0, ZX_USER_SIGNAL_0(), ZX_USER_SIGNAL_1(), ZX_EVENT_SIGNALED(),
                ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_1(), ZX_USER_SIGNAL_ALL(),
                ZX_EVENT_SIGNAL_MASK());
    }

    /**
     * Decodes rights for duplicate and replace: same-rights, a subset of the interrupt rights, a
     * default set, or any mask.
     */
    private static int rights(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> ZX_RIGHT_SAME_RIGHTS();
            case 1 -> data.consumeInt() & ZX_DEFAULT_INTERRUPT_RIGHTS();
            case 2 -> intOf(data, ZX_DEFAULT_PORT_RIGHTS(), ZX_DEFAULT_EVENT_RIGHTS(), 0,
                    ZX_RIGHT_SAME_RIGHTS() | ZX_RIGHT_DUPLICATE());
            default -> data.consumeInt();
        };
    }

    private static long timestamp(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> 0L;
            case 1 -> data.consumeLong();
            default -> data.consumeLong(1, 1_000_000);
        };
    }

    @SafeVarargs
    private static <T> T oneOf(FuzzedDataProvider data, T... values) {
        return values[data.consumeInt(0, values.length - 1)];
    }

    private static int intOf(FuzzedDataProvider data, int... values) {
        return values[data.consumeInt(0, values.length - 1)];
    }

    private static long longOf(FuzzedDataProvider data, long... values) {
        return values[data.consumeInt(0, values.length - 1)];
    }

    /** Picks one of the values or, with the same weight as each of them, an arbitrary int. */
    private static int intOrAny(FuzzedDataProvider data, int... values) {
        int index = data.consumeInt(0, values.length);
        return index < values.length ? values[index] : data.consumeInt();
    }

    /** Picks one of the values or, with the same weight as each of them, an arbitrary long. */
    private static long longOrAny(FuzzedDataProvider data, long... values) {
        int index = data.consumeInt(0, values.length);
        return index < values.length ? values[index] : data.consumeLong();
    }
}
