package dev.zxport.jmh;

/**
 * One queue under test and the factory of its producing and consuming sides. Each side is a
 * separate padded object that contains the mutable state of one thread (pool index, source, sink),
 * so two threads never write the same cache line outside the queue itself.
 */
abstract class Channel implements AutoCloseable {
    /** Slots of every queue: zxport port rings, JCTools and Disruptor arrays, ArrayBlockingQueue. */
    static final int CAPACITY = 1024;
    /** Records per producer pool: four laps of the queue, so a record is reused long after it was consumed. */
    static final int POOL_SIZE = 4 * CAPACITY;

    /** Creates the producing side; call it once per producer thread. */
    abstract Producer producer();

    /** Creates the consuming side; call it once per consumer thread. */
    abstract Consumer consumer();

    @Override
    public void close() {
    }

    /** The producing side of a channel; used by one thread. */
    interface Producer {
        /** Copies the 48-byte source in and enqueues it; returns false, with nothing queued, when the queue is full. */
        boolean offer();
    }

    /** The consuming side of a channel; used by one thread. */
    interface Consumer {
        /** Dequeues one payload and copies its 48 bytes out; returns false at once when the queue is empty. */
        boolean poll();

        /** Dequeues one payload, waiting as long as it takes; blocking contenders park, the others spin on {@link #poll}. */
        void take();
    }
}
