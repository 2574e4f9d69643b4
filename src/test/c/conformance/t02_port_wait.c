// zx_port_wait lookup order, deadlines, FIFO order.
#include "check.h"

int main(void) {
  zx_handle_t port = make_port(0);
  zx_handle_t ev = make_event();
  zx_handle_t irq = make_irq();
  zx_port_packet_t out;

  EXPECT_EQ(zx_port_wait(ZX_HANDLE_INVALID, 0, &out), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_wait(closed_handle(), 0, NULL), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_wait(ev, 0, &out), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_port_wait(irq, 0, &out), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_port_wait(ev, 0, NULL), ZX_ERR_WRONG_TYPE);
  zx_handle_t noread = dup_rights(port, 0x800F & ~ZX_RIGHT_READ);
  EXPECT_EQ(zx_port_wait(noread, 0, &out), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_port_wait(noread, 0, NULL), ZX_ERR_ACCESS_DENIED);
  // Port with only READ: wait works (queue needs WRITE).
  zx_handle_t readonly = dup_rights(port, ZX_RIGHT_READ);
  EXPECT_EQ(rights_of(readonly), ZX_RIGHT_READ);

  // Empty port, various past deadlines: TIMED_OUT at once.
  EXPECT_EQ(zx_port_wait(port, ZX_TIME_INFINITE_PAST, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_port_wait(port, -1, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_port_wait(port, zx_clock_get_monotonic() - 1000000, &out), ZX_ERR_TIMED_OUT);
  zx_time_t t0 = zx_clock_get_monotonic();
  EXPECT_EQ(zx_port_wait(port, zx_deadline_after(ZX_MSEC(50)), &out), ZX_ERR_TIMED_OUT);
  zx_time_t t1 = zx_clock_get_monotonic();
  EXPECT_TRUE(t1 - t0 >= ZX_MSEC(50));
  EXPECT_TRUE(t1 >= t0);

  // Clock behaviour.
  EXPECT_EQ(zx_deadline_after(ZX_TIME_INFINITE), ZX_TIME_INFINITE);
  EXPECT_EQ(zx_deadline_after(ZX_TIME_INFINITE - 1), ZX_TIME_INFINITE);
  zx_time_t now = zx_clock_get_monotonic();
  zx_time_t d = zx_deadline_after(0);
  EXPECT_TRUE(d >= now);
  EXPECT_TRUE(now > 0);

  // Past deadline returns a queued packet.
  zx_port_packet_t in = {.key = 1};
  EXPECT_EQ(zx_port_queue(port, &in), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, ZX_TIME_INFINITE_PAST, &out), ZX_OK);
  EXPECT_EQ(out.key, 1);
  EXPECT_EQ(zx_port_queue(port, &in), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 1, &out), ZX_OK);
  // Read-only handle dequeues.
  EXPECT_EQ(zx_port_queue(port, &in), ZX_OK);
  EXPECT_EQ(zx_port_wait(readonly, ZX_TIME_INFINITE, &out), ZX_OK);
  EXPECT_EQ(zx_port_queue(readonly, &in), ZX_ERR_ACCESS_DENIED);

  // FIFO across user and signal packets.
  EXPECT_EQ(zx_object_wait_async(ev, port, 100, ZX_USER_SIGNAL_0, 0), ZX_OK);
  for (uint64_t k = 0; k < 5; k++) {
    zx_port_packet_t p = {.key = k};
    EXPECT_EQ(zx_port_queue(port, &p), ZX_OK);
    if (k == 2) EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  }
  uint64_t expect_keys[] = {0, 1, 2, 100, 3, 4};
  for (int i = 0; i < 6; i++) {
    EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
    EXPECT_EQ(out.key, expect_keys[i]);
  }
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Port not waitable: wait_one on port -> ACCESS_DENIED; wait_async watching a port -> ACCESS_DENIED.
  zx_signals_t obs = 0x1234;
  EXPECT_EQ(zx_object_wait_one(port, ZX_USER_SIGNAL_0, 0, &obs), ZX_ERR_ACCESS_DENIED);
  zx_handle_t port2 = make_port(0);
  EXPECT_EQ(zx_object_wait_async(port2, port, 1, ZX_USER_SIGNAL_0, 0), ZX_ERR_ACCESS_DENIED);
  // object_signal on port -> ACCESS_DENIED
  EXPECT_EQ(zx_object_signal(port, 0, ZX_USER_SIGNAL_0), ZX_ERR_ACCESS_DENIED);

  // Closing the port handle: later wait BAD_HANDLE.
  EXPECT_EQ(zx_handle_close(port2), ZX_OK);
  EXPECT_EQ(zx_port_wait(port2, 0, &out), ZX_ERR_BAD_HANDLE);

  return finish("t02_port_wait");
}
