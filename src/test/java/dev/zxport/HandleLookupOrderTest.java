package dev.zxport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.Stream;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;

/**
 * The lookup every syscall makes for a typed handle: the kernel reports {@code ZX_ERR_BAD_HANDLE}
 * for a value it does not know, then {@code ZX_ERR_WRONG_TYPE} for another object type, then
 * {@code ZX_ERR_ACCESS_DENIED} for a missing right. The wrong type wins over missing rights.
 */
class HandleLookupOrderTest {
    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    /** The object type a syscall argument must have. */
    enum ObjectType { PORT, INTERRUPT }

    /** A syscall with every argument but one fixed to valid values. */
    @FunctionalInterface
    interface Call {
        int invoke(SyscallFixture zx, int handle);
    }

    /**
     * One handle argument of one syscall.
     *
     * @param right the right the argument needs, or 0 when it needs none
     */
    record Argument(String name, ObjectType type, int right, Call call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Argument> typedArguments() {
        return List.of(
                new Argument("zx_port_queue handle", ObjectType.PORT, ZX_RIGHT_WRITE(),
                        (zx, h) -> zx.kernel.zx_port_queue(h, zx.userPacket(1))),
                new Argument("zx_port_wait handle", ObjectType.PORT, ZX_RIGHT_READ(),
                        (zx, h) -> zx.kernel.zx_port_wait(h, ZX_TIME_INFINITE_PAST(), zx.newPacket())),
                new Argument("zx_port_cancel handle", ObjectType.PORT, ZX_RIGHT_WRITE(),
                        (zx, h) -> zx.kernel.zx_port_cancel(h, zx.createEvent(), 1)),
                new Argument("zx_port_cancel_key handle", ObjectType.PORT, ZX_RIGHT_WRITE(),
                        (zx, h) -> zx.kernel.zx_port_cancel_key(h, 0, 1)),
                new Argument("zx_object_wait_async port", ObjectType.PORT, ZX_RIGHT_WRITE(),
                        (zx, h) -> zx.kernel.zx_object_wait_async(zx.createEvent(), h, 1, ZX_USER_SIGNAL_0(), 0)),
                new Argument("zx_interrupt_bind handle", ObjectType.INTERRUPT, ZX_RIGHT_READ(),
                        (zx, h) -> zx.kernel.zx_interrupt_bind(h, zx.createPort(ZX_PORT_BIND_TO_INTERRUPT()), 1,
                                ZX_INTERRUPT_BIND())),
                new Argument("zx_interrupt_bind port_handle", ObjectType.PORT, ZX_RIGHT_WRITE(),
                        (zx, h) -> zx.kernel.zx_interrupt_bind(zx.createInterrupt(), h, 1, ZX_INTERRUPT_BIND())),
                new Argument("zx_interrupt_trigger handle", ObjectType.INTERRUPT, ZX_RIGHT_SIGNAL(),
                        (zx, h) -> zx.kernel.zx_interrupt_trigger(h, 0, 5)),
                new Argument("zx_interrupt_ack handle", ObjectType.INTERRUPT, ZX_RIGHT_WRITE(),
                        (zx, h) -> zx.kernel.zx_interrupt_ack(h)),
                new Argument("zx_interrupt_wait handle", ObjectType.INTERRUPT, ZX_RIGHT_WAIT(),
                        (zx, h) -> zx.kernel.zx_interrupt_wait(h, MemorySegment.NULL)),
                new Argument("zx_interrupt_destroy handle", ObjectType.INTERRUPT, 0,
                        (zx, h) -> zx.kernel.zx_interrupt_destroy(h)));
    }

    /** Arguments that need a right, so that the rights check can be reached. */
    static List<Argument> argumentsWithRight() {
        return typedArguments().stream().filter(argument -> argument.right() != 0).toList();
    }

    /** Syscalls that look a handle up without a type check. */
    static List<Argument> untypedArguments() {
        return List.of(
                new Argument("zx_object_signal handle", null, ZX_RIGHT_SIGNAL(),
                        (zx, h) -> zx.kernel.zx_object_signal(h, 0, ZX_USER_SIGNAL_0())),
                new Argument("zx_object_wait_one handle", null, ZX_RIGHT_WAIT(),
                        (zx, h) -> zx.kernel.zx_object_wait_one(h, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(),
                                MemorySegment.NULL)),
                new Argument("zx_object_wait_async handle", null, ZX_RIGHT_WAIT(),
                        (zx, h) -> zx.kernel.zx_object_wait_async(h, zx.createPort(), 1, ZX_USER_SIGNAL_0(), 0)),
                new Argument("zx_port_cancel source", null, ZX_RIGHT_WAIT(),
                        (zx, h) -> zx.kernel.zx_port_cancel(zx.createPort(), h, 1)),
                new Argument("zx_object_get_info handle", null, 0,
                        (zx, h) -> zx.kernel.zx_object_get_info(h, ZX_INFO_HANDLE_BASIC(), zx.newPacket(), 32,
                                MemorySegment.NULL, MemorySegment.NULL)),
                new Argument("zx_handle_duplicate handle", null, ZX_RIGHT_DUPLICATE(),
                        (zx, h) -> zx.kernel.zx_handle_duplicate(h, ZX_RIGHT_SAME_RIGHTS(), zx.handleSlot())),
                new Argument("zx_handle_replace handle", null, 0,
                        (zx, h) -> zx.kernel.zx_handle_replace(h, ZX_RIGHT_SAME_RIGHTS(), zx.handleSlot())),
                new Argument("zx_handle_close handle", null, 0,
                        (zx, h) -> zx.kernel.zx_handle_close(h)));
    }

    static List<Argument> allArguments() {
        return Stream.concat(typedArguments().stream(), untypedArguments().stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allArguments")
    void unknownValueIsBadHandle(Argument argument) {
        int status = argument.call().invoke(zx, 0x1234_5673);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allArguments")
    void closedValueIsBadHandle(Argument argument) {
        int handle = createOfType(argument.type());
        assertStatus(ZX_OK(), kernel.zx_handle_close(handle));

        int status = argument.call().invoke(zx, handle);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    /** Returns every argument except {@code zx_handle_close}, for which {@code ZX_HANDLE_INVALID} is a no-op. */
    static List<Argument> argumentsRejectingInvalid() {
        return allArguments().stream().filter(argument -> !argument.name().startsWith("zx_handle_close")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argumentsRejectingInvalid")
    void invalidHandleValueIsBadHandle(Argument argument) {
        int status = argument.call().invoke(zx, ZX_HANDLE_INVALID());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedArguments")
    void otherTypeIsWrongType(Argument argument) {
        int event = zx.createEvent();

        int status = argument.call().invoke(zx, event);

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedArguments")
    void wrongTypeWinsOverMissingRights(Argument argument) {
        int powerlessEvent = zx.duplicate(zx.createEvent(), ZX_RIGHT_NONE());

        int status = argument.call().invoke(zx, powerlessEvent);

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argumentsWithRight")
    void missingRightIsAccessDenied(Argument argument) {
        int handle = createOfType(argument.type());
        int withoutRight = zx.duplicate(handle, zx.rights(handle) & ~argument.right());

        int status = argument.call().invoke(zx, withoutRight);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argumentsWithRight")
    void requiredRightAloneIsEnough(Argument argument) {
        int handle = createOfType(argument.type());
        int onlyRight = zx.duplicate(handle, argument.right());

        int status = argument.call().invoke(zx, onlyRight);

        // A passed lookup can still end in another status (zx_port_wait times out on an empty
        // port, zx_interrupt_ack is BAD_STATE when unbound), so only lookup failures count.
        if (status == ZX_ERR_BAD_HANDLE() || status == ZX_ERR_WRONG_TYPE() || status == ZX_ERR_ACCESS_DENIED()) {
            assertStatus(ZX_OK(), status, argument.name() + " with only its required right");
        }
    }

    @Test
    void destroyNeedsNoRight() {
        int powerless = zx.duplicate(zx.createInterrupt(), ZX_RIGHT_NONE());

        int status = kernel.zx_interrupt_destroy(powerless);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void getInfoNeedsNoRight() {
        int powerless = zx.duplicate(zx.createPort(), ZX_RIGHT_NONE());

        int status = kernel.zx_object_get_info(powerless, ZX_INFO_HANDLE_BASIC(), zx.newPacket(), 32,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void bindChecksInterruptBeforePort() {
        int interrupt = zx.createInterrupt();
        int withoutRead = zx.duplicate(interrupt, ZX_DEFAULT_INTERRUPT_RIGHTS() & ~ZX_RIGHT_READ());
        int event = zx.createEvent();

        int status = kernel.zx_interrupt_bind(withoutRead, event, 1, ZX_INTERRUPT_BIND());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void waitAsyncChecksPortBeforeHandle() {
        int event = zx.createEvent();

        int status = kernel.zx_object_wait_async(0x1234_5673, event, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @Test
    void cancelChecksPortBeforeSource() {
        int port = zx.createPort();
        int withoutWrite = zx.duplicate(port, ZX_DEFAULT_PORT_RIGHTS() & ~ZX_RIGHT_WRITE());

        int status = kernel.zx_port_cancel(withoutWrite, 0x1234_5673, 1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    private int createOfType(ObjectType type) {
        if (type == ObjectType.INTERRUPT) {
            // Triggered, so that a zx_interrupt_wait that passes the lookup returns at once.
            int interrupt = zx.createInterrupt();
            assertStatus(ZX_OK(), kernel.zx_interrupt_trigger(interrupt, 0, 5));
            return interrupt;
        }
        if (type == ObjectType.PORT) {
            return zx.createPort(ZX_PORT_BIND_TO_INTERRUPT());
        }
        return zx.createEvent();
    }
}
