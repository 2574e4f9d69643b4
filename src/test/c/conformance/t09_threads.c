// Several threads block in zx_port_wait; every packet wakes exactly one of them.
// Also zx_interrupt_wait blocking: bind -> BAD_STATE, trigger wakes, destroy -> CANCELED.
#include <pthread.h>
#include <stdatomic.h>
#include "check.h"

#define WAITERS 6
#define PACKETS 3000
static zx_handle_t g_port;
static atomic_int g_seen[PACKETS + WAITERS];
static atomic_int g_total;
static atomic_int g_woken;
static atomic_int g_bad;

static void* worker(void* arg) {
  (void)arg;
  for (;;) {
    zx_port_packet_t out;
    zx_status_t s = zx_port_wait(g_port, ZX_TIME_INFINITE, &out);
    if (s != ZX_OK) {
      atomic_fetch_add(&g_bad, 1);
      return NULL;
    }
    if (out.key >= PACKETS + WAITERS) {
      atomic_fetch_add(&g_bad, 1);
      continue;
    }
    atomic_fetch_add(&g_seen[out.key], 1);
    atomic_fetch_add(&g_total, 1);
    if (out.status == 1) return NULL;  // stop packet
  }
}

static void* one_shot(void* arg) {
  (void)arg;
  zx_port_packet_t out;
  zx_status_t s = zx_port_wait(g_port, zx_deadline_after(ZX_MSEC(1500)), &out);
  if (s == ZX_OK) atomic_fetch_add(&g_woken, 1);
  return NULL;
}

static zx_handle_t g_irq;
static zx_status_t g_irq_status = 1;
static zx_time_t g_irq_ts;
static void* irq_waiter(void* arg) {
  (void)arg;
  g_irq_status = zx_interrupt_wait(g_irq, &g_irq_ts);
  return NULL;
}

int main(void) {
  g_port = make_port(0);
  pthread_t t[WAITERS];
  for (int i = 0; i < WAITERS; i++) pthread_create(&t[i], NULL, worker, NULL);
  zx_handle_t ev = make_event();
  // Mix user packets and signal packets.
  for (int k = 0; k < PACKETS; k++) {
    if (k % 10 == 0) {
      EXPECT_EQ(zx_object_wait_async(ev, g_port, (uint64_t)k, ZX_USER_SIGNAL_0, 0), ZX_OK);
      EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
      EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_0, 0), ZX_OK);
    } else {
      zx_port_packet_t p = {.key = (uint64_t)k};
      zx_status_t s;
      while ((s = zx_port_queue(g_port, &p)) == ZX_ERR_SHOULD_WAIT) usleep(100);
      if (s != ZX_OK) EXPECT_EQ(s, ZX_OK);
    }
  }
  for (int i = 0; i < WAITERS; i++) {
    zx_port_packet_t p = {.key = (uint64_t)(PACKETS + i), .status = 1};
    EXPECT_EQ(zx_port_queue(g_port, &p), ZX_OK);
  }
  for (int i = 0; i < WAITERS; i++) pthread_join(t[i], NULL);
  EXPECT_EQ(atomic_load(&g_total), PACKETS + WAITERS);
  EXPECT_EQ(atomic_load(&g_bad), 0);
  int dup = 0, missing = 0;
  for (int k = 0; k < PACKETS + WAITERS; k++) {
    if (g_seen[k] == 0) missing++;
    if (g_seen[k] > 1) dup++;
  }
  EXPECT_EQ(missing, 0);
  EXPECT_EQ(dup, 0);

  // N waiters, M < N packets: exactly M wake with OK, the rest time out.
  for (int i = 0; i < WAITERS; i++) pthread_create(&t[i], NULL, one_shot, NULL);
  usleep(300000);
  for (int i = 0; i < 2; i++) {
    zx_port_packet_t p = {.key = 1};
    EXPECT_EQ(zx_port_queue(g_port, &p), ZX_OK);
  }
  // A signal packet also wakes exactly one.
  EXPECT_EQ(zx_object_wait_async(ev, g_port, 2, ZX_USER_SIGNAL_1, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1), ZX_OK);
  for (int i = 0; i < WAITERS; i++) pthread_join(t[i], NULL);
  EXPECT_EQ(atomic_load(&g_woken), 3);
  zx_port_packet_t out;
  EXPECT_EQ(zx_port_wait(g_port, 0, &out), ZX_ERR_TIMED_OUT);

  // A packet canceled before any waiter reads it wakes no waiter.
  atomic_store(&g_woken, 0);
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev, g_port, 3, ZX_USER_SIGNAL_2, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_2), ZX_OK);
  EXPECT_EQ(zx_port_cancel(g_port, ev, 3), ZX_OK);
  pthread_create(&t[0], NULL, one_shot, NULL);
  pthread_join(t[0], NULL);
  EXPECT_EQ(atomic_load(&g_woken), 0);

  // zx_interrupt_wait blocking.
  g_irq = make_irq();
  zx_handle_t iport = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  pthread_t it;
  pthread_create(&it, NULL, irq_waiter, NULL);
  usleep(200000);
  EXPECT_EQ(g_irq_status, 1);
  EXPECT_EQ(zx_interrupt_bind(g_irq, iport, 1, ZX_INTERRUPT_BIND), ZX_ERR_BAD_STATE);
  EXPECT_EQ(zx_interrupt_trigger(g_irq, 0, 31337), ZX_OK);
  pthread_join(it, NULL);
  EXPECT_EQ(g_irq_status, ZX_OK);
  EXPECT_EQ(g_irq_ts, 31337);
  // Second wait re-arms and blocks; destroy wakes it with CANCELED.
  g_irq_status = 1;
  pthread_create(&it, NULL, irq_waiter, NULL);
  usleep(200000);
  EXPECT_EQ(g_irq_status, 1);
  EXPECT_EQ(zx_interrupt_destroy(g_irq), ZX_OK);
  pthread_join(it, NULL);
  EXPECT_EQ(g_irq_status, ZX_ERR_CANCELED);

  // Closing the last interrupt handle while a thread waits runs destroy -> CANCELED.
  zx_handle_t irq2 = make_irq();
  g_irq = dup_rights(irq2, ZX_RIGHT_SAME_RIGHTS);
  g_irq_status = 1;
  pthread_create(&it, NULL, irq_waiter, NULL);
  usleep(200000);
  EXPECT_EQ(zx_handle_close(irq2), ZX_OK);
  usleep(100000);
  EXPECT_EQ(g_irq_status, 1);  // another handle still open
  EXPECT_EQ(zx_interrupt_destroy(g_irq), ZX_OK);
  pthread_join(it, NULL);
  EXPECT_EQ(g_irq_status, ZX_ERR_CANCELED);

  return finish("t09_threads");
}
