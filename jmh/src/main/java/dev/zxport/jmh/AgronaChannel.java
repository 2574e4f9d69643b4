package dev.zxport.jmh;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * An Agrona ring buffer (one-to-one or many-to-one) over 64 KiB of direct memory. A 48-byte
 * message takes a 56-byte record (8-byte header), so the ring has room for about 1,170 messages
 * where the other queues take 1,024. The producer copies 48 bytes in with {@code write}; the consumer
 * reads one message per call ({@code read(handler, 1)}) and copies its 48 bytes out.
 *
 * <p>Agrona 2.6.0 reaches {@code jdk.internal.misc.Unsafe}, so its JVM needs
 * {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED}; the benchmark classes that run
 * it add that flag to their forks.
 */
final class AgronaChannel extends Channel {
    private static final int DATA_BYTES = 64 * 1024;
    private static final int MESSAGE_TYPE = 1;
    private static final int PAYLOAD_BYTES = 48;

    private final RingBuffer ring;

    AgronaChannel(boolean manyToOne) {
        int bytes = DATA_BYTES + RingBufferDescriptor.TRAILER_LENGTH;
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(bytes, 128));
        this.ring = manyToOne ? new ManyToOneRingBuffer(buffer) : new OneToOneRingBuffer(buffer);
    }

    @Override
    Producer producer() {
        UnsafeBuffer source = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 128));
        for (int i = 0; i < 6; i++) {
            source.putLong(i * 8, 0x1111_1111L * (i + 1));
        }
        return new AgronaProducer(ring, source);
    }

    @Override
    Consumer consumer() {
        return new AgronaConsumer(ring, new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 128)));
    }

    private static final class AgronaProducer extends Pad128 implements Producer {
        private final RingBuffer ring;
        private final UnsafeBuffer source;

        AgronaProducer(RingBuffer ring, UnsafeBuffer source) {
            this.ring = ring;
            this.source = source;
        }

        @Override
        public boolean offer() {
            return ring.write(MESSAGE_TYPE, source, 0, PAYLOAD_BYTES);
        }
    }

    private static final class AgronaConsumer extends Pad128 implements Consumer, MessageHandler {
        private final RingBuffer ring;
        private final UnsafeBuffer sink;

        AgronaConsumer(RingBuffer ring, UnsafeBuffer sink) {
            this.ring = ring;
            this.sink = sink;
        }

        @Override
        public boolean poll() {
            return ring.read(this, 1) == 1;
        }

        @Override
        public void take() {
            while (ring.read(this, 1) != 1) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void onMessage(int messageType, MutableDirectBuffer buffer, int index, int length) {
            sink.putBytes(0, buffer, index, length);
        }
    }
}
