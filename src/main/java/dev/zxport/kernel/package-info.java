/**
 * The simulated kernel behind {@link dev.zxport.Kernel}: the handle table, kernel objects (ports,
 * events, interrupts), observers, and the off-heap packet ring. Nothing here is exported; the
 * syscalls in {@code dev.zxport.Kernel} are the only entry points.
 *
 * <h2>Memory-order naming</h2>
 * Every access to memory that another thread reads or writes concurrently goes through a helper
 * whose name states its access mode, in the style of JCTools:
 * <ul>
 *   <li>{@code lv…} load with acquire semantics (load-volatile in the weaker, acquire sense),</li>
 *   <li>{@code lp…} plain load, used only where a later acquire or CAS validates the value,</li>
 *   <li>{@code so…} store with release semantics (store-ordered),</li>
 *   <li>{@code sv…} volatile store (release plus a full fence, so later loads cannot move above it),</li>
 *   <li>{@code cas…} compare-and-set with volatile semantics.</li>
 * </ul>
 * Plain {@code get}/{@code set} on a segment appear only for data that a preceding acquire or a
 * following release orders, such as packet bytes inside a slot.
 *
 * <h2>Locks</h2>
 * The user-packet path of a port (queue and dequeue) takes no lock and allocates nothing.
 * Locks guard the cold paths only: handle allocation and close, observer registration and
 * cancellation, the signal and interrupt queues of a port, and the registry of parked waiters,
 * which producers touch only when a consumer is asleep.
 */
package dev.zxport.kernel;
