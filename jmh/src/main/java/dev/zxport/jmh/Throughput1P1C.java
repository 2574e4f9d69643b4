package dev.zxport.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** 1 producer, 1 consumer: zxport against JCTools, the Disruptor and ArrayBlockingQueue. */
@State(Scope.Group)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH,
        JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ALLOW})
public class Throughput1P1C extends ThroughputShape {
    @Param({"ZXPORT", "JCTOOLS_SPSC", "JCTOOLS_MPMC", "JCTOOLS_MPMC_VH", "DISRUPTOR", "ABQ"})
    public Impl impl;

    @Override
    protected Impl impl() {
        return impl;
    }
}
