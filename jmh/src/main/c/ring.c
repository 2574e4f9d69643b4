/*
 * Reference ring in C11 atomics: the algorithm and memory layout of zxport's PacketRing
 * (src/main/java/dev/zxport/kernel/PacketRing.java), without the JVM, to show how fast the same
 * design runs natively on the same machine.
 *
 *   - Vyukov's bounded MPMC queue: one sequence word per slot, producers claim with a CAS on the
 *     tail, consumers with a CAS on the head.
 *   - 64-byte slots: the 48-byte zx_port_packet_t at +0, the sequence at +48, 8 spare bytes.
 *   - Control block as in RingDescriptor: tail and the cached producer limit on one 128-byte
 *     pair of lines, head on the next.
 *   - Producer: copy 48 bytes in, publish the sequence with a sequentially consistent store (the
 *     engine publishes with a volatile store because its waiter check must be ordered after it).
 *   - Consumer: speculative copy out, CAS on the head, then CAS on the slot's sequence to hand
 *     the slot to the next lap. In the engine that last CAS fails only for a cancelled packet,
 *     and there is no cancellation here.
 *
 * The shapes match the JMH suite: 1 producer + 1 consumer throughput, a contended pair (two
 * threads each enqueue then dequeue), and a round trip through two rings with an echo thread.
 * Capacity 1024, as in the JMH runs. Threads are not pinned, as the JVM's are not.
 *
 * Build: gcc -O2 -pthread -o ring ring.c
 * Usage: ring WARMUP_ITERATIONS MEASURED_ITERATIONS SECONDS_PER_ITERATION
 * Output: one line per measured iteration, "shape=... iteration=... key=value ...".
 */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define CAPACITY 1024
#define MASK (CAPACITY - 1)
#define MAX_PACKETS CAPACITY
#define PACKET_SIZE 48
#define CACHE_PAIR 128

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

struct slot {
    unsigned char packet[PACKET_SIZE];
    _Atomic int64_t sequence;
    int64_t spare;
};

_Static_assert(sizeof(struct slot) == 64, "a slot is one cache line");

struct ring {
    char pad0[CACHE_PAIR];
    _Atomic int64_t tail;
    _Atomic int64_t producer_limit;
    char pad1[CACHE_PAIR - 16];
    _Atomic int64_t head;
    char pad2[CACHE_PAIR - 8];
    struct slot slots[CAPACITY];
};

static struct ring *ring_new(void) {
    struct ring *ring = aligned_alloc(CACHE_PAIR, sizeof(struct ring));
    if (ring == NULL) {
        perror("aligned_alloc");
        exit(1);
    }
    memset(ring, 0, sizeof(*ring));
    for (int64_t i = 0; i < CAPACITY; i++) {
        atomic_init(&ring->slots[i].sequence, i);
    }
    atomic_init(&ring->tail, 0);
    atomic_init(&ring->head, 0);
    atomic_init(&ring->producer_limit, MAX_PACKETS);
    return ring;
}

/* Returns true when the packet was queued, false when the ring is full. */
static bool ring_offer(struct ring *ring, const unsigned char *source) {
    int64_t limit = atomic_load_explicit(&ring->producer_limit, memory_order_relaxed);
    for (;;) {
        int64_t sequence = atomic_load_explicit(&ring->tail, memory_order_acquire);
        struct slot *slot = &ring->slots[sequence & MASK];
        int64_t slot_sequence = atomic_load_explicit(&slot->sequence, memory_order_acquire);

        if (slot_sequence == sequence) {
            if (sequence >= limit) {
                limit = atomic_load_explicit(&ring->head, memory_order_acquire) + MAX_PACKETS;
                if (sequence >= limit) {
                    return false;
                }
                atomic_store_explicit(&ring->producer_limit, limit, memory_order_relaxed);
            }
            if (atomic_compare_exchange_strong(&ring->tail, &sequence, sequence + 1)) {
                memcpy(slot->packet, source, PACKET_SIZE);
                atomic_store_explicit(&slot->sequence, sequence + 1, memory_order_seq_cst);
                return true;
            }
        } else if (slot_sequence < sequence) {
            return false;
        }
    }
}

/* Returns true when a packet was moved into target, false when the ring is empty. */
static bool ring_poll(struct ring *ring, unsigned char *target) {
    for (;;) {
        int64_t sequence = atomic_load_explicit(&ring->head, memory_order_acquire);
        struct slot *slot = &ring->slots[sequence & MASK];
        int64_t slot_sequence = atomic_load_explicit(&slot->sequence, memory_order_acquire);
        int64_t published = sequence + 1;

        if (slot_sequence == published) {
            /* Speculative: counts only if this consumer wins the head. */
            memcpy(target, slot->packet, PACKET_SIZE);
            int64_t expected = sequence;
            if (atomic_compare_exchange_strong(&ring->head, &expected, sequence + 1)) {
                int64_t expected_sequence = published;
                if (atomic_compare_exchange_strong(&slot->sequence, &expected_sequence, sequence + CAPACITY)) {
                    return true;
                }
            }
        } else if (slot_sequence < published) {
            if (atomic_load_explicit(&ring->tail, memory_order_acquire) <= sequence) {
                return false;
            }
            cpu_relax();
        }
    }
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A counter on its own pair of lines, written by one thread and sampled by the main thread. */
struct counter {
    _Alignas(CACHE_PAIR) _Atomic int64_t value;
    char pad[CACHE_PAIR - 8];
};

static struct ring *shared_ring;
static _Atomic bool stop_flag;
static struct counter produced;
static struct counter consumed;
static struct counter pairs[2];

static void *producer_main(void *unused) {
    (void) unused;
    _Alignas(64) unsigned char source[PACKET_SIZE];
    for (int i = 0; i < PACKET_SIZE; i++) {
        source[i] = (unsigned char) i;
    }
    int64_t made = 0;
    while (!atomic_load_explicit(&stop_flag, memory_order_relaxed)) {
        if (ring_offer(shared_ring, source)) {
            atomic_store_explicit(&produced.value, ++made, memory_order_relaxed);
        } else {
            cpu_relax();
        }
    }
    return NULL;
}

static void *consumer_main(void *unused) {
    (void) unused;
    _Alignas(64) unsigned char target[PACKET_SIZE];
    int64_t made = 0;
    while (!atomic_load_explicit(&stop_flag, memory_order_relaxed)) {
        if (ring_poll(shared_ring, target)) {
            atomic_store_explicit(&consumed.value, ++made, memory_order_relaxed);
        } else {
            cpu_relax();
        }
    }
    __asm__ volatile("" : : "r"(target) : "memory");
    return NULL;
}

static void *pair_main(void *argument) {
    struct counter *count = argument;
    _Alignas(64) unsigned char packet[PACKET_SIZE] = {1};
    int64_t made = 0;
    while (!atomic_load_explicit(&stop_flag, memory_order_relaxed)) {
        while (!ring_offer(shared_ring, packet)) {
            cpu_relax();
        }
        /* Each thread has queued one more packet than it took, so this poll always ends. */
        while (!ring_poll(shared_ring, packet)) {
            cpu_relax();
        }
        atomic_store_explicit(&count->value, ++made, memory_order_relaxed);
    }
    return NULL;
}

/* Samples a running shape once per iteration and prints the measured rates. */
static void sample_rates(const char *shape, int warmup, int iterations, double seconds,
                         struct counter *first, struct counter *second) {
    int64_t last = atomic_load(&first->value) + (second ? atomic_load(&second->value) : 0);
    int64_t last_time = now_ns();
    for (int i = 0; i < warmup + iterations; i++) {
        usleep((useconds_t) (seconds * 1e6));
        int64_t count = atomic_load(&first->value) + (second ? atomic_load(&second->value) : 0);
        int64_t time = now_ns();
        double rate = (double) (count - last) * 1e9 / (double) (time - last_time);
        if (i >= warmup) {
            printf("shape=%s iteration=%d ops_per_s=%.1f\n", shape, i - warmup + 1, rate);
            fflush(stdout);
        }
        last = count;
        last_time = time;
    }
}

static void run_throughput(int warmup, int iterations, double seconds) {
    shared_ring = ring_new();
    atomic_store(&stop_flag, false);
    atomic_store(&consumed.value, 0);
    pthread_t producer, consumer;
    pthread_create(&producer, NULL, producer_main, NULL);
    pthread_create(&consumer, NULL, consumer_main, NULL);
    sample_rates("throughput_1p1c", warmup, iterations, seconds, &consumed, NULL);
    atomic_store(&stop_flag, true);
    pthread_join(producer, NULL);
    pthread_join(consumer, NULL);
    free(shared_ring);
}

static void run_pair(int warmup, int iterations, double seconds) {
    shared_ring = ring_new();
    atomic_store(&stop_flag, false);
    atomic_store(&pairs[0].value, 0);
    atomic_store(&pairs[1].value, 0);
    pthread_t first, second;
    pthread_create(&first, NULL, pair_main, &pairs[0]);
    pthread_create(&second, NULL, pair_main, &pairs[1]);
    sample_rates("contended_pair", warmup, iterations, seconds, &pairs[0], &pairs[1]);
    atomic_store(&stop_flag, true);
    pthread_join(first, NULL);
    pthread_join(second, NULL);
    free(shared_ring);
}

static struct ring *ring_a;
static struct ring *ring_b;

static void *echo_main(void *unused) {
    (void) unused;
    _Alignas(64) unsigned char packet[PACKET_SIZE];
    for (;;) {
        while (!ring_poll(ring_a, packet)) {
            cpu_relax();
        }
        if (packet[0] == 0xff) {
            return NULL;
        }
        while (!ring_offer(ring_b, packet)) {
            cpu_relax();
        }
    }
}

static int compare_int64(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a;
    int64_t y = *(const int64_t *) b;
    return (x > y) - (x < y);
}

static int64_t percentile(const int64_t *sorted, size_t count, double fraction) {
    size_t index = (size_t) (fraction * (double) count);
    if (index >= count) {
        index = count - 1;
    }
    return sorted[index];
}

static void run_round_trip(int warmup, int iterations, double seconds) {
    ring_a = ring_new();
    ring_b = ring_new();
    pthread_t echo;
    pthread_create(&echo, NULL, echo_main, NULL);

    size_t capacity = 1 << 24;
    int64_t *samples = malloc(capacity * sizeof(int64_t));
    if (samples == NULL) {
        perror("malloc");
        exit(1);
    }
    _Alignas(64) unsigned char packet[PACKET_SIZE] = {1};
    for (int i = 0; i < warmup + iterations; i++) {
        size_t count = 0;
        int64_t end = now_ns() + (int64_t) (seconds * 1e9);
        int64_t finish;
        do {
            int64_t start = now_ns();
            while (!ring_offer(ring_a, packet)) {
                cpu_relax();
            }
            while (!ring_poll(ring_b, packet)) {
                cpu_relax();
            }
            finish = now_ns();
            if (count < capacity) {
                samples[count++] = finish - start;
            }
        } while (finish < end);
        if (i >= warmup) {
            qsort(samples, count, sizeof(int64_t), compare_int64);
            printf("shape=round_trip iteration=%d samples=%zu p50=%lld p90=%lld p99=%lld p999=%lld p9999=%lld max=%lld\n",
                   i - warmup + 1, count,
                   (long long) percentile(samples, count, 0.5), (long long) percentile(samples, count, 0.9),
                   (long long) percentile(samples, count, 0.99), (long long) percentile(samples, count, 0.999),
                   (long long) percentile(samples, count, 0.9999), (long long) samples[count - 1]);
            fflush(stdout);
        }
    }
    packet[0] = 0xff;
    while (!ring_offer(ring_a, packet)) {
        cpu_relax();
    }
    pthread_join(echo, NULL);
    free(samples);
    free(ring_a);
    free(ring_b);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s WARMUP_ITERATIONS MEASURED_ITERATIONS SECONDS_PER_ITERATION\n", argv[0]);
        return 2;
    }
    int warmup = atoi(argv[1]);
    int iterations = atoi(argv[2]);
    double seconds = atof(argv[3]);
    if (warmup < 0 || iterations < 1 || seconds <= 0) {
        fprintf(stderr, "invalid arguments: warmup %d, iterations %d, seconds %g (need >= 0, >= 1, > 0)\n",
                warmup, iterations, seconds);
        return 2;
    }
    run_throughput(warmup, iterations, seconds);
    run_pair(warmup, iterations, seconds);
    run_round_trip(warmup, iterations, seconds);
    return 0;
}
