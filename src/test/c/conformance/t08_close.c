// Close semantics: watched handle closed, port closed, wait_one canceled, waiter not woken.
#include <pthread.h>
#include "check.h"

static zx_handle_t g_ev;
static zx_status_t g_status;
static zx_signals_t g_observed;

static void* wait_one_thread(void* arg) {
  (void)arg;
  g_observed = 0;
  g_status = zx_object_wait_one(g_ev, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, &g_observed);
  return NULL;
}

static zx_handle_t g_port;
static zx_status_t g_port_status = 1;
static void* port_wait_thread(void* arg) {
  zx_port_packet_t out;
  g_port_status = zx_port_wait(g_port, *(zx_time_t*)arg, &out);
  return NULL;
}

int main(void) {
  zx_handle_t port = make_port(0);
  zx_handle_t ev = make_event();
  zx_port_packet_t out;

  // Closing the watched handle cancels its pending observers silently; queued packets stay.
  zx_handle_t d1 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  zx_handle_t d2 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_wait_async(d1, port, 1, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(d1, port, 2, ZX_USER_SIGNAL_1, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(d2, port, 3, ZX_USER_SIGNAL_1, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);  // queues key 1
  EXPECT_EQ(zx_handle_close(d1), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 1);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);  // no CANCELED packet
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 3);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Closing the port's last handle: queued packets freed, observers removed; duplicate keeps port alive.
  zx_handle_t p2 = make_port(0);
  zx_handle_t p2dup = dup_rights(p2, ZX_RIGHT_SAME_RIGHTS);
  zx_port_packet_t up = {.key = 9};
  EXPECT_EQ(zx_port_queue(p2, &up), ZX_OK);
  EXPECT_EQ(zx_handle_close(p2), ZX_OK);
  EXPECT_EQ(zx_port_wait(p2dup, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 9);
  zx_handle_t ev2 = make_event();
  EXPECT_EQ(zx_object_wait_async(ev2, p2dup, 4, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_handle_close(p2dup), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev2, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_port_wait(p2dup, 0, &out), ZX_ERR_BAD_HANDLE);
  // Cancel through ev2 on other port: nothing.
  EXPECT_EQ(zx_port_cancel(port, ev2, 4), ZX_ERR_NOT_FOUND);

  // wait_one canceled by closing its handle: CANCELED with HANDLE_CLOSED in observed.
  g_ev = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  pthread_t t;
  pthread_create(&t, NULL, wait_one_thread, NULL);
  usleep(200000);
  EXPECT_EQ(zx_handle_close(g_ev), ZX_OK);
  pthread_join(t, NULL);
  EXPECT_EQ(g_status, ZX_ERR_CANCELED);
  EXPECT_EQ(g_observed & ZX_SIGNAL_HANDLE_CLOSED, ZX_SIGNAL_HANDLE_CLOSED);

  // wait_one basics.
  zx_signals_t obs = 0xFFFFFFFF;
  EXPECT_EQ(zx_object_wait_one(ev, ZX_USER_SIGNAL_0, 0, &obs), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(obs, 0);
  EXPECT_EQ(zx_object_wait_one(ev, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE_PAST, NULL), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_2), ZX_OK);
  obs = 0;
  EXPECT_EQ(zx_object_wait_one(ev, ZX_USER_SIGNAL_2, ZX_TIME_INFINITE_PAST, &obs), ZX_OK);
  EXPECT_EQ(obs, ZX_USER_SIGNAL_2);
  EXPECT_EQ(zx_object_wait_one(closed_handle(), ZX_USER_SIGNAL_2, 0, &obs), ZX_ERR_BAD_HANDLE);
  zx_handle_t nowait = dup_rights(ev, ZX_RIGHT_SIGNAL);
  EXPECT_EQ(zx_object_wait_one(nowait, ZX_USER_SIGNAL_2, 0, &obs), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_object_wait_one(ev, ZX_USER_SIGNAL_2, 0, (zx_signals_t*)unmapped_page()), ZX_ERR_INVALID_ARGS);

  // Closing the port's last handle does not wake a thread blocked in zx_port_wait: it times out.
  g_port = make_port(0);
  zx_time_t deadline = zx_deadline_after(ZX_MSEC(600));
  pthread_create(&t, NULL, port_wait_thread, &deadline);
  usleep(200000);
  EXPECT_EQ(zx_handle_close(g_port), ZX_OK);
  usleep(100000);
  EXPECT_EQ(g_port_status, 1);  // still blocked
  pthread_join(t, NULL);
  EXPECT_EQ(g_port_status, ZX_ERR_TIMED_OUT);
  EXPECT_TRUE(zx_clock_get_monotonic() >= deadline);

  // A bound interrupt still reaches a waiter after the port handle is closed.
  g_port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_handle_t irq = make_irq();
  EXPECT_EQ(zx_interrupt_bind(irq, g_port, 5, ZX_INTERRUPT_BIND), ZX_OK);
  g_port_status = 1;
  deadline = zx_deadline_after(ZX_SEC(5));
  pthread_create(&t, NULL, port_wait_thread, &deadline);
  usleep(200000);
  EXPECT_EQ(zx_handle_close(g_port), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 42), ZX_OK);
  pthread_join(t, NULL);
  EXPECT_EQ(g_port_status, ZX_OK);
  EXPECT_TRUE(zx_clock_get_monotonic() < deadline);

  return finish("t08_close");
}
