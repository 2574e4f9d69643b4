package dev.zxport.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The consumers parked on one port, in arrival order, and the parking protocol that keeps
 * producers off any lock unless a consumer sleeps.
 *
 * <p>A consumer registers (which raises the waiter count with a full fence), polls once more,
 * and only then parks. A producer publishes its packet with a volatile store, reads the waiter
 * count and wakes one registered consumer when the count is not zero. Either the consumer's
 * second poll finds the packet or the producer reads the registration, so no wake-up is lost.
 * Each wake-up removes exactly one consumer from the queue, so one packet wakes one consumer.
 */
final class WaitQueue {
    /** A parked consumer; one per thread, reused, so parking allocates nothing after the first time. */
    static final class Node {
        final Thread thread;
        Node prev;
        Node next;
        boolean queued;

        Node(Thread thread) {
            this.thread = thread;
        }
    }

    private static final ThreadLocal<Node> NODES = ThreadLocal.withInitial(() -> new Node(Thread.currentThread()));

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(WaitQueue.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Guards the list. A monitor rather than a ReentrantLock, because contended AQS locks
     * allocate queue nodes and the wake-up path must stay allocation-free.
     */
    private final Object lock = new Object();
    /** Registered consumers. Producers read it on every publish; it changes only when consumers sleep. */
    private volatile long count;
    private Node head;
    private Node tail;

    /** Returns the number of registered consumers. */
    long lvCount() {
        return count;
    }

    static Node currentNode() {
        return NODES.get();
    }

    /** Appends {@code node} and raises the waiter count; the count's RMW is the full fence. */
    void register(Node node) {
        synchronized (lock) {
            node.prev = tail;
            node.next = null;
            if (tail == null) {
                head = node;
            } else {
                tail.next = node;
            }
            tail = node;
            node.queued = true;
            COUNT.getAndAdd(this, 1L);
        }
    }

    /**
     * Removes {@code node} if it is still queued.
     *
     * @return false when a producer already removed it to wake it, so the caller owes a wake-up
     *         to the next consumer if it does not consume a packet itself
     */
    boolean deregister(Node node) {
        synchronized (lock) {
            if (!node.queued) {
                return false;
            }
            unlink(node);
            return true;
        }
    }

    /** Wakes the longest-waiting consumer, if any. Called by producers only when the count is not zero. */
    void wakeOne() {
        Node node;
        synchronized (lock) {
            node = head;
            if (node == null) {
                return;
            }
            unlink(node);
        }
        LockSupport.unpark(node.thread);
    }

    /** Wakes every consumer; they poll again and go back to sleep when nothing is there. */
    void wakeAll() {
        synchronized (lock) {
            for (Node node = head; node != null; node = node.next) {
                LockSupport.unpark(node.thread);
            }
        }
    }

    private void unlink(Node node) {
        if (node.prev == null) {
            head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
        node.queued = false;
        COUNT.getAndAdd(this, -1L);
    }
}
