package dev.zxport.jmh;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

/**
 * An LMAX Disruptor 4 ring with a single-producer sequencer and one {@link EventPoller}
 * consumer, so the consuming thread is the benchmark thread (a {@code BatchEventProcessor} would
 * run on a thread of its own that JMH does not measure). The events are padded {@link Record}s
 * preallocated by the ring; the producer copies 48 bytes into the claimed event and the
 * consumer's handler copies them out and returns false, so each poll takes exactly one event,
 * as the other contenders do. Single consumer only: version 4 has no worker pool.
 */
final class DisruptorChannel extends Channel {
    private final RingBuffer<Record> ring;
    private final EventPoller<Record> poller;

    DisruptorChannel() {
        this.ring = RingBuffer.createSingleProducer(Record::new, CAPACITY, new BusySpinWaitStrategy());
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    @Override
    Producer producer() {
        return new DisruptorProducer(ring, Record.sample());
    }

    @Override
    Consumer consumer() {
        return new DisruptorConsumer(poller);
    }

    private static final class DisruptorProducer extends Pad128 implements Producer {
        private final RingBuffer<Record> ring;
        private final Record source;

        DisruptorProducer(RingBuffer<Record> ring, Record source) {
            this.ring = ring;
            this.source = source;
        }

        @Override
        public boolean offer() {
            // Checking capacity first keeps next() from spinning and tryNext() from throwing.
            if (!ring.hasAvailableCapacity(1)) {
                return false;
            }
            long sequence = ring.next();
            ring.get(sequence).copyFrom(source);
            ring.publish(sequence);
            return true;
        }
    }

    private static final class DisruptorConsumer extends Pad128 implements Consumer, EventPoller.Handler<Record> {
        private final EventPoller<Record> poller;
        private final Record sink = new Record();

        DisruptorConsumer(EventPoller<Record> poller) {
            this.poller = poller;
        }

        @Override
        public boolean poll() {
            try {
                return poller.poll(this) == EventPoller.PollState.PROCESSING;
            } catch (Exception e) {
                throw new IllegalStateException("EventPoller.poll failed", e);
            }
        }

        @Override
        public void take() {
            while (!poll()) {
                Thread.onSpinWait();
            }
        }

        @Override
        public boolean onEvent(Record event, long sequence, boolean endOfBatch) {
            sink.copyFrom(event);
            return false;
        }
    }
}
