// Interrupt state corners: unbind keeps NEEDACK, pending timestamp survives unbind,
// failed ack drops the recorded timestamp, ack/destroy after unbind.
#include "check.h"

int main(void) {
  zx_handle_t port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_port_packet_t out;

  // A. unbind in NEEDACK, rebind: still NEEDACK, so a trigger queues nothing until ack.
  zx_handle_t a = make_irq();
  EXPECT_EQ(zx_interrupt_bind(a, port, 1, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(a, 0, 10), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, 10);
  EXPECT_EQ(zx_interrupt_bind(a, port, 1, ZX_INTERRUPT_UNBIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(a, port, 2, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(a, 0, 20), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_interrupt_ack(a), ZX_OK);
  memset(&out, 0, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 2);
  EXPECT_EQ(out.interrupt.timestamp, 20);

  // B. destroy of a rebound interrupt in NEEDACK whose packet was never queued -> NOT_FOUND.
  zx_handle_t b = make_irq();
  EXPECT_EQ(zx_interrupt_bind(b, port, 3, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(b, 0, 30), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(b, port, 3, ZX_INTERRUPT_UNBIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(b, port, 3, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_destroy(b), ZX_ERR_NOT_FOUND);

  // C. timestamp recorded in NEEDACK survives unbind; an unbound trigger keeps the older one.
  zx_handle_t c = make_irq();
  EXPECT_EQ(zx_interrupt_bind(c, port, 4, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(c, 0, 40), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(c, 0, 41), ZX_OK);  // recorded, NEEDACK
  EXPECT_EQ(zx_interrupt_bind(c, port, 4, ZX_INTERRUPT_UNBIND), ZX_OK);  // removes packet 40
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_interrupt_trigger(c, 0, 42), ZX_OK);  // unbound -> TRIGGERED, timestamp stays 41
  zx_time_t ts = 0;
  EXPECT_EQ(zx_interrupt_wait(c, &ts), ZX_OK);
  EXPECT_EQ(ts, 41);

  // D. ack that fails with BAD_STATE drops the recorded timestamp.
  zx_handle_t d = make_irq();
  EXPECT_EQ(zx_interrupt_bind(d, port, 5, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(d, 0, 50), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(d, 0, 51), ZX_OK);
  EXPECT_EQ(zx_interrupt_ack(d), ZX_ERR_BAD_STATE);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, 50);
  EXPECT_EQ(zx_interrupt_ack(d), ZX_OK);  // nothing recorded any more -> IDLE
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_interrupt_trigger(d, 0, 52), ZX_OK);  // IDLE -> packet at once
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, 52);

  // E. trigger with timestamp 0 while unbound, then bind: packet with timestamp 0.
  zx_handle_t e = make_irq();
  EXPECT_EQ(zx_interrupt_trigger(e, 0, 0), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(e, port, 6, ZX_INTERRUPT_BIND), ZX_OK);
  memset(&out, 0xff, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 6);
  EXPECT_EQ(out.interrupt.timestamp, 0);
  EXPECT_EQ(out.interrupt.reserved2, 0);

  // F. ack/destroy on an unbound destroyed interrupt: ack -> BAD_STATE (port checked first).
  zx_handle_t f = make_irq();
  EXPECT_EQ(zx_interrupt_destroy(f), ZX_OK);
  EXPECT_EQ(zx_interrupt_ack(f), ZX_ERR_BAD_STATE);
  EXPECT_EQ(zx_interrupt_destroy(f), ZX_OK);

  // G. destroyed & bound: second destroy returns OK.
  zx_handle_t g = make_irq();
  EXPECT_EQ(zx_interrupt_bind(g, port, 7, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(g, 0, 70), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(zx_interrupt_destroy(g), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_interrupt_destroy(g), ZX_OK);

  // H. unbind through a duplicate of the bound port handle: same port object -> OK.
  zx_handle_t h = make_irq();
  zx_handle_t portdup = dup_rights(port, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_interrupt_bind(h, port, 8, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(h, portdup, 8, ZX_INTERRUPT_UNBIND), ZX_OK);

  // I. interrupt_wait after an unbind in NEEDACK blocks (re-arms); TRIGGERED via trigger first.
  zx_handle_t i = make_irq();
  EXPECT_EQ(zx_interrupt_bind(i, port, 9, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(i, 0, 90), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(i, port, 9, ZX_INTERRUPT_UNBIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(i, 0, 91), ZX_OK);
  ts = 0;
  EXPECT_EQ(zx_interrupt_wait(i, &ts), ZX_OK);
  EXPECT_EQ(ts, 91);

  // J. Interrupt user signals via object_signal and wait_async on an interrupt.
  zx_handle_t j = make_irq();
  zx_handle_t plain = make_port(0);
  EXPECT_EQ(zx_object_signal(j, 0, ZX_EVENT_SIGNALED), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_signal(j, 0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_wait_async(j, plain, 11, ZX_USER_SIGNAL_3, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(j, 0, ZX_USER_SIGNAL_3), ZX_OK);
  memset(&out, 0, sizeof out);
  EXPECT_EQ(zx_port_wait(plain, 0, &out), ZX_OK);
  EXPECT_EQ(out.type, ZX_PKT_TYPE_SIGNAL_ONE);
  EXPECT_EQ(out.signal.trigger, ZX_USER_SIGNAL_3);
  EXPECT_EQ(out.signal.observed & ZX_USER_SIGNAL_3, ZX_USER_SIGNAL_3);
  // Level wait on UNTRIGGERED on a fresh interrupt fires at once.
  zx_handle_t k = make_irq();
  EXPECT_EQ(zx_object_wait_async(k, plain, 12, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED, 0), ZX_OK);
  EXPECT_EQ(zx_port_wait(plain, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 12);
  // port_cancel with interrupt source.
  EXPECT_EQ(zx_object_wait_async(k, plain, 13, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_port_cancel(plain, k, 13), ZX_OK);

  return finish("t10_interrupt_corners");
}
