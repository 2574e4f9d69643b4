package dev.zxport.jmh;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link Queue} of pooled {@link Record}s: the JCTools array queues and the JDK's
 * {@link ArrayBlockingQueue}. Each run uses one queue class, so the call sites stay monomorphic.
 */
final class QueueChannel extends Channel {
    private final Queue<Record> queue;
    private final boolean blocking;

    /**
     * @param blocking whether {@link Consumer#take()} calls {@link BlockingQueue#take()} (the
     *                 queue must then be a {@link BlockingQueue}) instead of spinning on
     *                 {@link Queue#poll()}
     */
    QueueChannel(Queue<Record> queue, boolean blocking) {
        if (blocking && !(queue instanceof BlockingQueue)) {
            throw new IllegalArgumentException(queue.getClass().getName() + " cannot block");
        }
        this.queue = queue;
        this.blocking = blocking;
    }

    @Override
    Producer producer() {
        return new QueueProducer(queue, Record.pool(POOL_SIZE), Record.sample());
    }

    @Override
    Consumer consumer() {
        return blocking ? new BlockingConsumer((BlockingQueue<Record>) queue) : new QueueConsumer(queue);
    }

    private static final class QueueProducer extends Pad128 implements Producer {
        private final Queue<Record> queue;
        private final Record[] pool;
        private final int mask;
        private final Record source;
        private int next;
        /** A filled record that the queue rejected; offered again before a new one is filled. */
        private Record pending;

        QueueProducer(Queue<Record> queue, Record[] pool, Record source) {
            this.queue = queue;
            this.pool = pool;
            this.mask = pool.length - 1;
            this.source = source;
        }

        @Override
        public boolean offer() {
            Record record = pending;
            if (record == null) {
                record = pool[next++ & mask];
                record.copyFrom(source);
            }
            if (queue.offer(record)) {
                pending = null;
                return true;
            }
            pending = record;
            return false;
        }
    }

    private static final class QueueConsumer extends Pad128 implements Consumer {
        private final Queue<Record> queue;
        private final Record sink = new Record();

        QueueConsumer(Queue<Record> queue) {
            this.queue = queue;
        }

        @Override
        public boolean poll() {
            Record record = queue.poll();
            if (record == null) {
                return false;
            }
            sink.copyFrom(record);
            return true;
        }

        @Override
        public void take() {
            while (!poll()) {
                Thread.onSpinWait();
            }
        }
    }

    private static final class BlockingConsumer extends Pad128 implements Consumer {
        private final BlockingQueue<Record> queue;
        private final Record sink = new Record();

        BlockingConsumer(BlockingQueue<Record> queue) {
            this.queue = queue;
        }

        @Override
        public boolean poll() {
            Record record = queue.poll();
            if (record == null) {
                return false;
            }
            sink.copyFrom(record);
            return true;
        }

        @Override
        public void take() {
            try {
                sink.copyFrom(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in ArrayBlockingQueue.take", e);
            }
        }
    }
}
