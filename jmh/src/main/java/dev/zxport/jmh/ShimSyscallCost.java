package dev.zxport.jmh;

/**
 * Placeholder for the cost of one syscall made from C through the zxport shim, the path a C
 * program run by {@code zxport run} takes. It is deliberately not a JMH benchmark and reports
 * nothing: the shim is not on this branch yet.
 */
final class ShimSyscallCost {
    // TODO: once the C shim is merged, measure zx_port_queue + zx_port_wait called from C through
    // the shim's upcalls, with the same 48-byte packet and the same 1P1C and round-trip shapes.
    // Then register it here as a @Benchmark and add its row to the report.

    private ShimSyscallCost() {
    }
}
