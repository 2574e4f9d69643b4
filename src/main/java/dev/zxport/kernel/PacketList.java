package dev.zxport.kernel;

/** An intrusive FIFO of {@link QueuedPacket}s; the owner guards it with its lock. */
final class PacketList {
    private QueuedPacket head;
    private QueuedPacket tail;
    private int size;

    QueuedPacket first() {
        return head;
    }

    int size() {
        return size;
    }

    void append(QueuedPacket packet) {
        packet.prev = tail;
        packet.next = null;
        if (tail == null) {
            head = packet;
        } else {
            tail.next = packet;
        }
        tail = packet;
        size++;
    }

    void remove(QueuedPacket packet) {
        if (packet.prev == null) {
            head = packet.next;
        } else {
            packet.prev.next = packet.next;
        }
        if (packet.next == null) {
            tail = packet.prev;
        } else {
            packet.next.prev = packet.prev;
        }
        packet.prev = null;
        packet.next = null;
        size--;
    }

    /** Unlinks every packet and returns the former first one; the links of the others stay intact for iteration. */
    QueuedPacket clear() {
        QueuedPacket first = head;
        head = null;
        tail = null;
        size = 0;
        return first;
    }
}
