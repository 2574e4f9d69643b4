package dev.zxport;

import dev.zxport.kernel.KernelObject;
import dev.zxport.kernel.Port;
import dev.zxport.kernel.WaitableObject;

/**
 * Reads engine state behind a handle, for tests that check the kernel's bookkeeping after a
 * failure: observers a port still counts, user packets it holds, observers an object keeps.
 * Every method returns -1 when {@code handle} is not a live handle of the expected kind.
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    /** Returns the observers registered on the port and not yet finished (armed or queued). */
    public static int portObservers(Kernel kernel, int handle) {
        return kernel.objectOf(handle) instanceof Port port ? port.observerCount() : -1;
    }

    /** Returns the user packets queued in the port. */
    public static long portUserPackets(Kernel kernel, int handle) {
        return kernel.objectOf(handle) instanceof Port port ? port.userPacketCount() : -1;
    }

    /** Returns the observers still attached to the object, waiting for its signals. */
    public static int attachedObservers(Kernel kernel, int handle) {
        return kernel.objectOf(handle) instanceof WaitableObject object ? object.attachedObservers() : -1;
    }

    /** Returns the object's active signals. */
    public static int signals(Kernel kernel, int handle) {
        return kernel.objectOf(handle) instanceof WaitableObject object ? object.signals() : -1;
    }

    /** Returns the object's koid, or -1. */
    public static long koid(Kernel kernel, int handle) {
        KernelObject object = kernel.objectOf(handle);
        return object == null ? -1 : object.koid();
    }
}
