package dev.zxport.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Round trip through two queues: zxport (spinning and blocking) against JCTools, the Disruptor and ArrayBlockingQueue. */
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH,
        JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ALLOW})
public class RoundTrip extends RoundTripShape {
    @Param({"ZXPORT", "ZXPORT_BLOCKING", "JCTOOLS_SPSC", "JCTOOLS_MPMC", "JCTOOLS_MPMC_VH", "DISRUPTOR", "ABQ",
            "ABQ_BLOCKING"})
    public Impl impl;

    @Override
    protected Impl impl() {
        return impl;
    }
}
