package dev.zxport.kernel;

import static dev.zxport.sys.zircon_h.ZX_DEFAULT_EVENT_RIGHTS;
import static dev.zxport.sys.zircon_h.ZX_EVENT_SIGNAL_MASK;
import static dev.zxport.sys.zircon_h.ZX_OBJ_TYPE_EVENT;

/** An event ({@code zx_event_create}): only signals, starting with none active. */
public final class Event extends WaitableObject {
    public Event(KernelContext context, long koid) {
        super(context, koid, 0);
    }

    @Override
    public int type() {
        return ZX_OBJ_TYPE_EVENT();
    }

    @Override
    public int defaultRights() {
        return ZX_DEFAULT_EVENT_RIGHTS();
    }

    @Override
    public int userSignalMask() {
        return ZX_EVENT_SIGNAL_MASK();
    }
}
