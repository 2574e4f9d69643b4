package dev.zxport.jmh;

import dev.zxport.Kernel;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The queues under test, one JMH {@code @Param} value each. Every value runs in forks of its
 * own, so only one queue class is loaded per JVM and the benchmark call sites stay monomorphic.
 */
public enum Impl {
    /** zxport port: {@code zx_port_queue} and {@code zx_port_wait} with {@code ZX_TIME_INFINITE_PAST}. */
    ZXPORT(true) {
        @Override
        Channel open() {
            return new ZxportChannel(ZxportChannel.newKernel(), true, false);
        }

        @Override
        Channel[] openTwo() {
            Kernel kernel = ZxportChannel.newKernel();
            return new Channel[] {new ZxportChannel(kernel, false, false), new ZxportChannel(kernel, true, false)};
        }
    },
    /** zxport port whose consumers block in {@code zx_port_wait} with {@code ZX_TIME_INFINITE}. */
    ZXPORT_BLOCKING(true) {
        @Override
        Channel open() {
            return new ZxportChannel(ZxportChannel.newKernel(), true, true);
        }

        @Override
        Channel[] openTwo() {
            Kernel kernel = ZxportChannel.newKernel();
            return new Channel[] {new ZxportChannel(kernel, false, true), new ZxportChannel(kernel, true, true)};
        }
    },
    /** JCTools 4.0.7 {@code SpscArrayQueue} (sun.misc.Unsafe). */
    JCTOOLS_SPSC(false) {
        @Override
        Channel open() {
            return new QueueChannel(new SpscArrayQueue<>(Channel.CAPACITY), false);
        }
    },
    /** JCTools 4.0.7 {@code MpmcArrayQueue} (sun.misc.Unsafe). */
    JCTOOLS_MPMC(true) {
        @Override
        Channel open() {
            return new QueueChannel(new MpmcArrayQueue<>(Channel.CAPACITY), false);
        }
    },
    /** JCTools 4.0.7 {@code MpmcVarHandleArrayQueue}, the VarHandle twin from jctools-core-jdk11. */
    JCTOOLS_MPMC_VH(true) {
        @Override
        Channel open() {
            return new QueueChannel(new MpmcVarHandleArrayQueue<>(Channel.CAPACITY), false);
        }
    },
    /** Agrona 2.6.0 {@code OneToOneRingBuffer}. */
    AGRONA_O2O(false) {
        @Override
        Channel open() {
            return new AgronaChannel(false);
        }
    },
    /** Agrona 2.6.0 {@code ManyToOneRingBuffer}. */
    AGRONA_M2O(false) {
        @Override
        Channel open() {
            return new AgronaChannel(true);
        }
    },
    /** LMAX Disruptor 4.0.0, single producer, {@code EventPoller} consumer. */
    DISRUPTOR(false) {
        @Override
        Channel open() {
            return new DisruptorChannel();
        }
    },
    /** {@code java.util.concurrent.ArrayBlockingQueue}, non-blocking {@code offer}/{@code poll}. */
    ABQ(true) {
        @Override
        Channel open() {
            return new QueueChannel(new ArrayBlockingQueue<>(Channel.CAPACITY), false);
        }
    },
    /** {@code ArrayBlockingQueue} whose consumers block in {@code take}. */
    ABQ_BLOCKING(true) {
        @Override
        Channel open() {
            return new QueueChannel(new ArrayBlockingQueue<>(Channel.CAPACITY), true);
        }
    };

    private final boolean multiConsumer;

    Impl(boolean multiConsumer) {
        this.multiConsumer = multiConsumer;
    }

    /** Returns whether several threads may consume at once, which the contended pair needs. */
    boolean multiConsumer() {
        return multiConsumer;
    }

    /** Opens one queue. */
    abstract Channel open();

    /** Opens two queues for a round trip; zxport puts both ports in one kernel. */
    Channel[] openTwo() {
        return new Channel[] {open(), open()};
    }
}
