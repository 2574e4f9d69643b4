package dev.zxport.kernel;

import static dev.zxport.sys.zircon_h.ZX_RIGHT_SAME_RIGHTS;

/** Rights arithmetic shared by the handle syscalls. */
public final class Rights {
    private Rights() {
    }

    /** Returns true when every bit of {@code rights} is also in {@code available}. */
    public static boolean isSubset(int rights, int available) {
        return (rights & ~available) == 0;
    }

    /**
     * Returns the rights a duplicate or replacement receives, or -1 when {@code requested} is not
     * a subset of {@code source}. Only the exact value {@code ZX_RIGHT_SAME_RIGHTS} means "the
     * same rights"; combined with other bits it is an ordinary (and invalid) rights mask.
     */
    public static long derive(int source, int requested) {
        if (requested == ZX_RIGHT_SAME_RIGHTS()) {
            return Integer.toUnsignedLong(source);
        }
        return isSubset(requested, source) ? Integer.toUnsignedLong(requested) : -1;
    }
}
