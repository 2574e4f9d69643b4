// zx_port_cancel and zx_port_cancel_key: check order and what each removes.
#include "check.h"

static int drain_keys(zx_handle_t port, uint64_t* keys, uint32_t* types, int max) {
  zx_port_packet_t out;
  int n = 0;
  while (zx_port_wait(port, 0, &out) == ZX_OK) {
    if (n < max) {
      keys[n] = out.key;
      types[n] = out.type;
    }
    n++;
  }
  return n;
}

int main(void) {
  zx_handle_t port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_handle_t ev = make_event();
  zx_handle_t closed = closed_handle();
  uint64_t keys[32];
  uint32_t types[32];

  // zx_port_cancel order.
  EXPECT_EQ(zx_port_cancel(closed, closed, 1), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_cancel(ev, closed, 1), ZX_ERR_WRONG_TYPE);
  zx_handle_t port_nowrite = dup_rights(port, 0x800F & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(zx_port_cancel(port_nowrite, closed, 1), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_port_cancel(port, closed, 1), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_cancel(port, ZX_HANDLE_INVALID, 1), ZX_ERR_BAD_HANDLE);
  zx_handle_t ev_nowait = dup_rights(ev, ZX_RIGHT_SIGNAL | ZX_RIGHT_DUPLICATE | ZX_RIGHT_INSPECT);
  EXPECT_EQ(zx_port_cancel(port, ev_nowait, 1), ZX_ERR_ACCESS_DENIED);
  // WAIT only (no WRITE) is enough.
  zx_handle_t ev_waitonly = dup_rights(ev, ZX_RIGHT_WAIT);
  EXPECT_EQ(zx_port_cancel(port, ev_waitonly, 1), ZX_ERR_NOT_FOUND);
  // source = a port: ports have no WAIT -> ACCESS_DENIED.
  EXPECT_EQ(zx_port_cancel(port, port, 1), ZX_ERR_ACCESS_DENIED);
  // Nothing registered.
  EXPECT_EQ(zx_port_cancel(port, ev, 1), ZX_ERR_NOT_FOUND);

  // Cancel pending observer: signal afterwards queues nothing.
  EXPECT_EQ(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev, port, 2, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_port_cancel(port, ev, 1), ZX_OK);
  EXPECT_EQ(zx_port_cancel(port, ev, 1), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  int n = drain_keys(port, keys, types, 32);
  EXPECT_EQ(n, 1);
  EXPECT_EQ(keys[0], 2);
  // Already dequeued: NOT_FOUND.
  EXPECT_EQ(zx_port_cancel(port, ev, 2), ZX_ERR_NOT_FOUND);

  // Cancel queued signal packet; user packet with the same key survives; interrupt packet survives.
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  zx_port_packet_t up = {.key = 5};
  EXPECT_EQ(zx_port_queue(port, &up), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev, port, 5, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev, port, 5, ZX_USER_SIGNAL_1, 0), ZX_OK);  // stays pending
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  zx_handle_t irq = make_irq();
  EXPECT_EQ(zx_interrupt_bind(irq, port, 5, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 123), ZX_OK);
  EXPECT_EQ(zx_port_cancel(port, ev, 5), ZX_OK);  // removes queued signal packet + pending observer
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1), ZX_OK);
  n = drain_keys(port, keys, types, 32);
  EXPECT_EQ(n, 2);
  EXPECT_EQ(types[0], ZX_PKT_TYPE_INTERRUPT);
  EXPECT_EQ(types[1], ZX_PKT_TYPE_USER);
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_OK);

  // Cancel through a duplicate handle finds nothing (registration is per handle).
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  zx_handle_t ev_dup = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_wait_async(ev, port, 6, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_port_cancel(port, ev_dup, 6), ZX_ERR_NOT_FOUND);
  // Queued packet through ev is not canceled via dup either.
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_port_cancel(port, ev_dup, 6), ZX_ERR_NOT_FOUND);
  n = drain_keys(port, keys, types, 32);
  EXPECT_EQ(n, 1);

  // Cancel only matches this port.
  zx_handle_t port2 = make_port(0);
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev, port2, 7, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_port_cancel(port, ev, 7), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_port_cancel(port2, ev, 7), ZX_OK);

  // Cancel with an interrupt handle as source (interrupts are waitable, rights include WAIT).
  EXPECT_EQ(zx_port_cancel(port, irq, 5), ZX_ERR_NOT_FOUND);

  // cancel_key: options first.
  EXPECT_EQ(zx_port_cancel_key(closed, 1, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_cancel_key(closed, 0x80000000u, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_cancel_key(closed, 0, 0), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_cancel_key(ev, 0, 0), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_port_cancel_key(port_nowrite, 0, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_port_cancel_key(port, 0, 12345), ZX_ERR_NOT_FOUND);

  // cancel_key removes user packets with that key, signal packets and observers on any handle/object.
  zx_handle_t evA = make_event(), evB = make_event();
  zx_port_packet_t u1 = {.key = 8}, u2 = {.key = 9};
  EXPECT_EQ(zx_port_queue(port, &u1), ZX_OK);
  EXPECT_EQ(zx_port_queue(port, &u2), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(evA, port, 8, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(evA, 0, ZX_USER_SIGNAL_0), ZX_OK);  // queued signal pkt key 8
  EXPECT_EQ(zx_object_wait_async(evB, port, 8, ZX_USER_SIGNAL_0, 0), ZX_OK);  // pending observer key 8
  zx_handle_t evB_dup = dup_rights(evB, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_wait_async(evB_dup, port, 8, ZX_USER_SIGNAL_1, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(evB, port, 9, ZX_USER_SIGNAL_0, 0), ZX_OK);  // key 9 stays
  // interrupt packet with key 8 must not be touched
  EXPECT_EQ(zx_interrupt_bind(irq, port, 8, ZX_INTERRUPT_UNBIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(irq, port, 8, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 77), ZX_OK);
  EXPECT_EQ(zx_port_cancel_key(port, 0, 8), ZX_OK);
  EXPECT_EQ(zx_port_cancel_key(port, 0, 8), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_object_signal(evB, 0, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1), ZX_OK);
  n = drain_keys(port, keys, types, 32);
  EXPECT_EQ(n, 3);
  EXPECT_EQ(types[0], ZX_PKT_TYPE_INTERRUPT);
  EXPECT_EQ(keys[0], 8);
  EXPECT_EQ(keys[1], 9);
  EXPECT_EQ(types[1], ZX_PKT_TYPE_USER);
  EXPECT_EQ(keys[2], 9);
  EXPECT_EQ(types[2], ZX_PKT_TYPE_SIGNAL_ONE);

  // cancel_key with only a user packet: ZX_OK.
  EXPECT_EQ(zx_port_queue(port, &u1), ZX_OK);
  EXPECT_EQ(zx_port_cancel_key(port, 0, 8), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &u1), ZX_ERR_TIMED_OUT);

  // cancel_key only touches this port.
  zx_handle_t evC = make_event();
  EXPECT_EQ(zx_object_wait_async(evC, port2, 10, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_port_cancel_key(port, 0, 10), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_object_signal(evC, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_port_wait(port2, 0, &u1), ZX_OK);

  return finish("t05_cancel");
}
