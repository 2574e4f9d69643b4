// Miscellany: timestamps taken when the packet is queued, replace cancels waits made
// through the old handle, port handle replace keeps packets, negative interrupt timestamps.
#include "check.h"

int main(void) {
  zx_handle_t port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_handle_t ev = make_event();
  zx_port_packet_t out;

  // Signal timestamp is the time of queueing, not of registration.
  EXPECT_EQ(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, ZX_WAIT_ASYNC_TIMESTAMP), ZX_OK);
  usleep(50000);
  zx_time_t t0 = zx_clock_get_monotonic();
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  zx_time_t t1 = zx_clock_get_monotonic();
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_TRUE(out.signal.timestamp >= t0);
  EXPECT_TRUE(out.signal.timestamp <= t1);

  // Replace closes the source: waits registered through it are canceled.
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  zx_handle_t d = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_wait_async(d, port, 2, ZX_USER_SIGNAL_0, 0), ZX_OK);
  zx_handle_t d2;
  EXPECT_EQ(zx_handle_replace(d, ZX_RIGHT_SAME_RIGHTS, &d2), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_port_cancel(port, d2, 2), ZX_ERR_NOT_FOUND);
  // Failed replace (subset) closes too -> its wait canceled.
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  zx_handle_t d3 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_wait_async(d3, port, 3, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_handle_replace(d3, ZX_RIGHT_WRITE, &d2), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Replacing a port handle keeps the port and its queued packets.
  zx_port_packet_t up = {.key = 44};
  EXPECT_EQ(zx_port_queue(port, &up), ZX_OK);
  zx_handle_t port2;
  EXPECT_EQ(zx_handle_replace(port, ZX_RIGHT_SAME_RIGHTS, &port2), ZX_OK);
  EXPECT_EQ(zx_port_wait(port2, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 44);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_BAD_HANDLE);
  port = port2;

  // Interrupt timestamp is passed through as given, even negative.
  zx_handle_t irq = make_irq();
  EXPECT_EQ(zx_interrupt_bind(irq, port, 9, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, -5), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, -5);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, ZX_TIME_INFINITE), ZX_OK);
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, ZX_TIME_INFINITE);

  // Deadline arithmetic.
  zx_time_t now = zx_clock_get_monotonic();
  zx_time_t past = zx_deadline_after(INT64_MIN);
  EXPECT_TRUE(past < 0);
  EXPECT_TRUE(past >= now + INT64_MIN);
  EXPECT_EQ(zx_port_wait(port, past, &out), ZX_ERR_TIMED_OUT);

  // Wait-async with an interrupt as the port argument: it is not a port -> WRONG_TYPE.
  EXPECT_EQ(zx_object_wait_async(ev, irq, 1, ZX_USER_SIGNAL_0, 0), ZX_ERR_WRONG_TYPE);
  // zx_port_cancel with an event as the port.
  EXPECT_EQ(zx_port_cancel(irq, ev, 1), ZX_ERR_WRONG_TYPE);

  // Closing the watched handle after its packet is queued leaves the packet.
  zx_handle_t e2 = make_event();
  EXPECT_EQ(zx_object_signal(e2, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(e2, port, 77, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_handle_close(e2), ZX_OK);
  memset(&out, 0, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 77);
  EXPECT_EQ(out.type, ZX_PKT_TYPE_SIGNAL_ONE);

  // wait_one with signals = 0 times out reporting the current state.
  zx_signals_t obs = 0;
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, ZX_USER_SIGNAL_5), ZX_OK);
  EXPECT_EQ(zx_object_wait_one(ev, 0, 0, &obs), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(obs, ZX_USER_SIGNAL_5);

  return finish("t13_misc");
}
