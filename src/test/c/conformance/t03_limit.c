// The per-port limit on pending user packets: 4097 fit, the 4098th gets SHOULD_WAIT;
// signal and interrupt packets do not count and are never refused.
#include "check.h"

int main(void) {
  zx_handle_t port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_port_packet_t p;
  memset(&p, 0, sizeof p);
  int ok = 0;
  zx_status_t s = ZX_OK;
  for (int i = 0; i < 5000; i++) {
    p.key = (uint64_t)i;
    s = zx_port_queue(port, &p);
    if (s != ZX_OK) break;
    ok++;
  }
  EXPECT_EQ(ok, 4097);
  EXPECT_EQ(s, ZX_ERR_SHOULD_WAIT);
  EXPECT_EQ(zx_port_queue(port, &p), ZX_ERR_SHOULD_WAIT);

  // Signal packets still queue while the port is full of user packets.
  zx_handle_t ev[10];
  for (int i = 0; i < 10; i++) {
    ev[i] = make_event();
    EXPECT_EQ(zx_object_wait_async(ev[i], port, 10000 + i, ZX_USER_SIGNAL_0, 0), ZX_OK);
    EXPECT_EQ(zx_object_signal(ev[i], 0, ZX_USER_SIGNAL_0), ZX_OK);
  }
  // Level-triggered registration on an already active signal queues at once.
  EXPECT_EQ(zx_object_wait_async(ev[0], port, 20000, ZX_USER_SIGNAL_0, 0), ZX_OK);
  // Interrupt packet too.
  zx_handle_t irq = make_irq();
  EXPECT_EQ(zx_interrupt_bind(irq, port, 30000, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 5), ZX_OK);
  EXPECT_EQ(zx_port_queue(port, &p), ZX_ERR_SHOULD_WAIT);

  // First out: the interrupt packet.
  zx_port_packet_t out;
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 30000);
  EXPECT_EQ(out.type, ZX_PKT_TYPE_INTERRUPT);
  // Dequeuing the interrupt packet does not free a user slot.
  EXPECT_EQ(zx_port_queue(port, &p), ZX_ERR_SHOULD_WAIT);
  // One user packet out -> one more in.
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 0);
  p.key = 99999;
  EXPECT_EQ(zx_port_queue(port, &p), ZX_OK);
  EXPECT_EQ(zx_port_queue(port, &p), ZX_ERR_SHOULD_WAIT);

  // Drain: count user vs signal, check order.
  int users = 0, signals = 0;
  uint64_t last_user = 0;
  int order_ok = 1;
  while (zx_port_wait(port, 0, &out) == ZX_OK) {
    if (out.type == ZX_PKT_TYPE_USER) {
      if (users > 0 && out.key != 99999 && out.key != last_user + 1) order_ok = 0;
      last_user = out.key;
      users++;
    } else if (out.type == ZX_PKT_TYPE_SIGNAL_ONE) {
      signals++;
    }
  }
  EXPECT_EQ(users, 4097);
  EXPECT_EQ(signals, 11);
  EXPECT_TRUE(order_ok);
  EXPECT_EQ(last_user, 99999);

  // Limit is per port: a second port is independent, and after a full drain we can fill again.
  zx_handle_t port2 = make_port(0);
  EXPECT_EQ(zx_port_queue(port2, &p), ZX_OK);
  ok = 0;
  for (int i = 0; i < 5000; i++) {
    if (zx_port_queue(port, &p) != ZX_OK) break;
    ok++;
  }
  EXPECT_EQ(ok, 4097);

  // cancel_key removing user packets frees slots.
  zx_port_packet_t k = {.key = 4242};
  EXPECT_EQ(zx_handle_close(port), ZX_OK);
  port = make_port(0);
  for (int i = 0; i < 4097; i++) {
    k.key = i < 10 ? 4242 : 1;
    zx_port_queue(port, &k);
  }
  EXPECT_EQ(zx_port_queue(port, &k), ZX_ERR_SHOULD_WAIT);
  EXPECT_EQ(zx_port_cancel_key(port, 0, 4242), ZX_OK);
  ok = 0;
  for (int i = 0; i < 20; i++) {
    if (zx_port_queue(port, &k) != ZX_OK) break;
    ok++;
  }
  EXPECT_EQ(ok, 10);

  return finish("t03_limit");
}
