package dev.zxport.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Round trip through two Agrona ring buffers. A class of its own only because Agrona 2.6.0 needs
 * {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED} on JDK 25; its forks also run
 * with Agrona's bounds checks off.
 */
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH,
        JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ALLOW, JvmFlags.AGRONA_OPENS, JvmFlags.AGRONA_NO_BOUNDS_CHECKS})
public class RoundTripAgrona extends RoundTripShape {
    @Param({"AGRONA_O2O", "AGRONA_M2O"})
    public Impl impl;

    @Override
    protected Impl impl() {
        return impl;
    }
}
