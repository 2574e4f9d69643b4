package dev.zxport.model;

import dev.zxport.Kernel;
import dev.zxport.model.Op.HandleRef;
import dev.zxport.model.Op.RefKind;
import dev.zxport.model.Op.Want;
import dev.zxport.model.ReferenceKernel.Ptr;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.zxport.sys.zircon_h.*;

/**
 * Model-based test: random syscall sequences run against a real kernel and against
 * {@link ReferenceKernel}, compared after every step. The number of sequences comes from the
 * JUnit configuration parameter {@code jqwik.tries.default}, which the build sets from the Maven
 * property {@code model.tries} (10000 by default).
 */
class KernelModelTest {
    static final int MAX_STEPS = 40;

    private static final AtomicLong SEQUENCES = new AtomicLong();
    private static final AtomicLong STEPS = new AtomicLong();
    private static final AtomicLong FAULTS = new AtomicLong();
    private static final AtomicLong PACKET_VIOLATIONS = new AtomicLong();
    private static final AtomicLong OBSERVER_VIOLATIONS = new AtomicLong();

    /** One generated run: the kernel's handle seed, its handle limit, a fault plan and the steps. */
    record Scenario(long handleSeed, int maxHandles, FaultSpec faults, List<Op> ops) {
    }

    @Property(shrinking = ShrinkingMode.FULL, afterFailure = AfterFailureMode.SAMPLE_FIRST,
            edgeCases = EdgeCasesMode.NONE)
    void kernelMatchesModel(@ForAll("scenarios") Scenario scenario) {
        try (ModelHarness harness = new ModelHarness(scenario.handleSeed(), scenario.maxHandles(),
                scenario.faults().plan())) {
            for (Op op : scenario.ops()) {
                harness.run(op);
            }
            SEQUENCES.incrementAndGet();
            STEPS.addAndGet(harness.steps());
            FAULTS.addAndGet(harness.faultsInjected());
            PACKET_VIOLATIONS.addAndGet(harness.packetViolations());
            OBSERVER_VIOLATIONS.addAndGet(harness.observerViolations());
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("model-based test: %d sequences passed, %d steps compared, %d faults injected, "
                        + "%d too-many-packets and %d too-many-observers violations%n",
                SEQUENCES.get(), STEPS.get(), FAULTS.get(), PACKET_VIOLATIONS.get(), OBSERVER_VIOLATIONS.get());
        System.out.println("statuses: " + new java.util.TreeMap<>(ModelHarness.STATUS_COUNTS));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<Integer> maxHandles = Arbitraries.frequency(Tuple.of(3, Kernel.DEFAULT_MAX_HANDLES), Tuple.of(1, 6));
        Arbitrary<List<Op>> ops = op().list().ofMaxSize(MAX_STEPS).withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(seeds, maxHandles, faultSpecs(), ops).as(Scenario::new);
    }

    private static Arbitrary<FaultSpec> faultSpecs() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new FaultSpec(FaultSpec.Kind.NONE, 1, 0))),
                Tuple.of(1, Arbitraries.longs().between(1, 30).map(n -> new FaultSpec(FaultSpec.Kind.NTH, n, 0))),
                Tuple.of(1, Arbitraries.longs().between(2, 6).map(n -> new FaultSpec(FaultSpec.Kind.EVERY_NTH, n, 0))),
                Tuple.of(2, Arbitraries.longs().map(seed -> new FaultSpec(FaultSpec.Kind.RANDOM, 1, seed))));
    }

    // ------------------------------------------------------------------------------------------
    // Steps.
    // ------------------------------------------------------------------------------------------

    private static Arbitrary<Op> op() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, portCreate()),
                Tuple.of(7, Combinators.combine(options(0), outPtr()).as(Op.EventCreate::new)),
                Tuple.of(6, Combinators.combine(handle(Want.ANY), interruptOptions(), outPtr()).as(Op.InterruptCreate::new)),
                Tuple.of(14, portQueue()),
                Tuple.of(7, Combinators.combine(handle(Want.PORT), deadline(), outPtr()).as(Op.PortWait::new)),
                Tuple.of(3, Combinators.combine(handle(Want.PORT), handle(Want.WAITABLE), key()).as(Op.PortCancel::new)),
                Tuple.of(3, Combinators.combine(options(0), handle(Want.PORT), key())
                        .as((options, port, key) -> new Op.PortCancelKey(port, options, key))),
                Tuple.of(14, Combinators.combine(handle(Want.WAITABLE), handle(Want.PORT), key(), signals(), waitAsyncOptions())
                        .as(Op.WaitAsync::new)),
                Tuple.of(2, Combinators.combine(handle(Want.WAITABLE), signals(), deadline(), inOrNullPtr()).as(Op.WaitOne::new)),
                Tuple.of(8, Combinators.combine(handle(Want.WAITABLE), signals(), signals()).as(Op.Signal::new)),
                Tuple.of(3, getInfo()),
                Tuple.of(3, handle(Want.ANY).map(Op.Close::new)),
                Tuple.of(1, Combinators.combine(handle(Want.ANY).list().ofMaxSize(4), inPtr()).as(Op.CloseMany::new)),
                Tuple.of(4, Combinators.combine(handle(Want.ANY), rights(), outPtr()).as(Op.Duplicate::new)),
                Tuple.of(3, Combinators.combine(handle(Want.ANY), rights(), outPtr()).as(Op.Replace::new)),
                Tuple.of(4, Combinators.combine(handle(Want.INTERRUPT), handle(Want.PORT), key(), Arbitraries.of(0, 0, 1, 2))
                        .as(Op.InterruptBind::new)),
                Tuple.of(5, Combinators.combine(handle(Want.INTERRUPT), options(0), timestamp()).as(Op.InterruptTrigger::new)),
                Tuple.of(3, handle(Want.INTERRUPT).map(Op.InterruptAck::new)),
                Tuple.of(2, handle(Want.INTERRUPT).map(Op.InterruptDestroy::new)),
                Tuple.of(2, Combinators.combine(handle(Want.INTERRUPT), inOrNullPtr()).as(Op.InterruptWait::new)),
                Tuple.of(2, Arbitraries.oneOf(Arbitraries.of(1L, 1000L), Arbitraries.longs().between(0, 1_000_000_000L))
                        .map(Op.AdvanceClock::new)),
                Tuple.of(1, Arbitraries.oneOf(Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE), Arbitraries.longs())
                        .map(Op.DeadlineAfter::new)));
    }

    private static Arbitrary<Op> portCreate() {
        Arbitrary<Integer> options = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(0, ZX_PORT_BIND_TO_INTERRUPT())),
                Tuple.of(1, Arbitraries.of(2, 3)),
                Tuple.of(1, Arbitraries.integers()));
        return Combinators.combine(options, outPtr()).as(Op.PortCreate::new);
    }

    private static Arbitrary<Op> portQueue() {
        Arbitrary<Integer> types = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(1, 5), Tuple.of(1, 7));
        Arbitrary<Integer> statuses = Arbitraries.of(0, -3, 1, Integer.MIN_VALUE);
        return Combinators.combine(handle(Want.PORT), key(), types, statuses, Arbitraries.longs(), inPtr())
                .as(Op.PortQueue::new);
    }

    private static Arbitrary<Op> getInfo() {
        Arbitrary<Integer> topics = Arbitraries.frequency(
                Tuple.of(4, ZX_INFO_HANDLE_BASIC()), Tuple.of(3, ZX_INFO_HANDLE_VALID()), Tuple.of(1, 0), Tuple.of(1, 3));
        Arbitrary<Long> sizes = Arbitraries.frequency(
                Tuple.of(6, 32L), Tuple.of(1, 0L), Tuple.of(1, 31L), Tuple.of(1, 64L), Tuple.of(1, -1L));
        return Combinators.combine(handle(Want.ANY), topics, sizes, outPtr(), inOrNullPtr(), inOrNullPtr())
                .as(Op.GetInfo::new);
    }

    // ------------------------------------------------------------------------------------------
    // Arguments.
    // ------------------------------------------------------------------------------------------

    /** Mostly handles the kernel returned, sometimes invalid, forged or foreign values. */
    static Arbitrary<HandleRef> handle(Want want) {
        Arbitrary<RefKind> kinds = Arbitraries.frequency(
                Tuple.of(40, RefKind.LIVE),
                Tuple.of(8, RefKind.SLOT),
                Tuple.of(1, RefKind.INVALID),
                Tuple.of(1, RefKind.LOW_BIT_CLEARED),
                Tuple.of(1, RefKind.XOR_4),
                Tuple.of(1, RefKind.FOREIGN),
                Tuple.of(1, RefKind.RAW));
        Arbitrary<Integer> indices = Arbitraries.integers().between(0, 15)
                .withDistribution(RandomDistribution.biased());
        return Combinators.combine(kinds, indices, Arbitraries.integers())
                .as((kind, index, raw) -> new HandleRef(kind, index, raw, want));
    }

    private static Arbitrary<Ptr> outPtr() {
        return Arbitraries.frequency(Tuple.of(30, Ptr.OK), Tuple.of(1, Ptr.NULL), Tuple.of(1, Ptr.SHORT),
                Tuple.of(1, Ptr.READ_ONLY), Tuple.of(1, Ptr.CLOSED));
    }

    /** Input memory, or an optional output for which NULL is valid. */
    private static Arbitrary<Ptr> inOrNullPtr() {
        return Arbitraries.frequency(Tuple.of(20, Ptr.OK), Tuple.of(4, Ptr.NULL), Tuple.of(1, Ptr.SHORT),
                Tuple.of(1, Ptr.READ_ONLY), Tuple.of(1, Ptr.CLOSED));
    }

    private static Arbitrary<Ptr> inPtr() {
        return Arbitraries.frequency(Tuple.of(20, Ptr.OK), Tuple.of(2, Ptr.READ_ONLY), Tuple.of(1, Ptr.NULL),
                Tuple.of(1, Ptr.SHORT), Tuple.of(1, Ptr.CLOSED));
    }

    private static Arbitrary<Integer> options(int valid) {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(valid)), Tuple.of(1, Arbitraries.integers()));
    }

    private static Arbitrary<Integer> interruptOptions() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(ZX_INTERRUPT_VIRTUAL())),
                Tuple.of(1, Arbitraries.of(0, ZX_INTERRUPT_VIRTUAL() | 0x20, ZX_INTERRUPT_SLOT_USER(),
                        ZX_INTERRUPT_VIRTUAL() | 1)),
                Tuple.of(1, Arbitraries.integers()));
    }

    private static Arbitrary<Integer> waitAsyncOptions() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(0, 1, 2, 3, 4, 6)),
                Tuple.of(1, Arbitraries.of(5, 7, 8, 20)),
                Tuple.of(1, Arbitraries.integers()));
    }

    private static Arbitrary<Long> key() {
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.longs().between(0, 3)), Tuple.of(1, Arbitraries.longs()));
    }

    private static Arbitrary<Integer> signals() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(0, ZX_USER_SIGNAL_0(), ZX_USER_SIGNAL_1(), ZX_EVENT_SIGNALED(),
                        ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_1(),
                        ZX_USER_SIGNAL_ALL(), ZX_EVENT_SIGNAL_MASK())),
                Tuple.of(1, Arbitraries.integers()));
    }

    /** Rights for duplicate and replace: every subset of the interrupt rights, same-rights, and invalid masks. */
    private static Arbitrary<Integer> rights() {
        int interruptRights = ZX_DEFAULT_INTERRUPT_RIGHTS();
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(ZX_RIGHT_SAME_RIGHTS())),
                Tuple.of(6, Arbitraries.integers().map(bits -> bits & interruptRights)),
                Tuple.of(2, Arbitraries.of(ZX_DEFAULT_PORT_RIGHTS(), ZX_DEFAULT_EVENT_RIGHTS(), 0,
                        ZX_RIGHT_SAME_RIGHTS() | ZX_RIGHT_DUPLICATE())),
                Tuple.of(1, Arbitraries.integers()));
    }

    private static Arbitrary<Op.Deadline> deadline() {
        return Arbitraries.of(Op.Deadline.class);
    }

    private static Arbitrary<Long> timestamp() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(5, Arbitraries.longs().between(1, 1_000_000)), Tuple.of(1, Arbitraries.longs()));
    }
}
