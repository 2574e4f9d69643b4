// Virtual interrupts: create/bind/trigger/ack/destroy/unbind state machine, packet contents.
#include "check.h"

static zx_port_packet_t poison(void) {
  zx_port_packet_t p;
  memset(&p, 0xEE, sizeof p);
  return p;
}

int main(void) {
  zx_handle_t closed = closed_handle();
  zx_handle_t h;
  // create
  EXPECT_EQ(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL | 0x20, &h), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_SLOT_USER, &h), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL | ZX_INTERRUPT_TIMESTAMP_MONO, &h), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL | ZX_INTERRUPT_REMAP_IRQ, &h), ZX_ERR_INVALID_ARGS);
  // Resource not checked for virtual: any src_obj / src_num.
  EXPECT_EQ(zx_interrupt_create(closed, 12345, ZX_INTERRUPT_VIRTUAL, &h), ZX_OK);
  EXPECT_EQ(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, NULL), ZX_ERR_INVALID_ARGS);
  zx_handle_t irq = make_irq();
  EXPECT_EQ(rights_of(irq), 0xD00F);
  zx_info_handle_basic_t info;
  EXPECT_EQ(zx_object_get_info(irq, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL), ZX_OK);
  EXPECT_EQ(info.type, ZX_OBJ_TYPE_INTERRUPT);
  zx_signals_t obs = 0;
  EXPECT_EQ(zx_object_wait_one(irq, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED, 0, &obs), ZX_OK);
  EXPECT_EQ(obs & ZX_VIRTUAL_INTERRUPT_UNTRIGGERED, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED);

  zx_handle_t port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_handle_t plain = make_port(0);
  zx_handle_t ev = make_event();

  // bind check order
  EXPECT_EQ(zx_interrupt_bind(closed, closed, 0, 2), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_interrupt_bind(closed, port, 0, ZX_INTERRUPT_BIND), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_interrupt_bind(ev, port, 0, ZX_INTERRUPT_BIND), ZX_ERR_WRONG_TYPE);
  zx_handle_t irq_noread = dup_rights(irq, 0xD00F & ~ZX_RIGHT_READ);
  EXPECT_EQ(zx_interrupt_bind(irq_noread, closed, 0, ZX_INTERRUPT_BIND), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_interrupt_bind(irq, closed, 0, ZX_INTERRUPT_BIND), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_interrupt_bind(irq, ev, 0, ZX_INTERRUPT_BIND), ZX_ERR_WRONG_TYPE);
  zx_handle_t port_nowrite = dup_rights(port, 0x800F & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(zx_interrupt_bind(irq, port_nowrite, 0, ZX_INTERRUPT_BIND), ZX_ERR_ACCESS_DENIED);
  zx_handle_t plain_nowrite = dup_rights(plain, 0x800F & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(zx_interrupt_bind(irq, plain_nowrite, 0, ZX_INTERRUPT_BIND), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_interrupt_bind(irq, plain, 0, ZX_INTERRUPT_BIND), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_interrupt_bind(irq, plain, 0, ZX_INTERRUPT_UNBIND), ZX_ERR_WRONG_TYPE);
  // Unbind when not bound -> NOT_FOUND.
  EXPECT_EQ(zx_interrupt_bind(irq, port, 0, ZX_INTERRUPT_UNBIND), ZX_ERR_NOT_FOUND);
  // ack unbound -> BAD_STATE
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_ERR_BAD_STATE);

  // trigger checks
  EXPECT_EQ(zx_interrupt_trigger(closed, 1, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_interrupt_trigger(closed, 0, 0), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_interrupt_trigger(ev, 0, 0), ZX_ERR_WRONG_TYPE);
  zx_handle_t irq_nosig = dup_rights(irq, 0xD00F & ~ZX_RIGHT_SIGNAL);
  EXPECT_EQ(zx_interrupt_trigger(irq_nosig, 0, 1), ZX_ERR_ACCESS_DENIED);
  zx_handle_t irq_nowrite = dup_rights(irq, 0xD00F & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(zx_interrupt_ack(irq_nowrite), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_interrupt_ack(ev), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_interrupt_ack(closed), ZX_ERR_BAD_HANDLE);
  zx_handle_t irq_nowait = dup_rights(irq, 0xD00F & ~ZX_RIGHT_WAIT);
  EXPECT_EQ(zx_interrupt_wait(irq_nowait, NULL), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_interrupt_wait(ev, NULL), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_interrupt_destroy(ev), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_interrupt_destroy(closed), ZX_ERR_BAD_HANDLE);

  // Trigger while unbound -> TRIGGERED; bind queues packet with stored timestamp.
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 1111), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 2222), ZX_OK);  // first timestamp kept
  zx_port_packet_t up = {.key = 500};
  EXPECT_EQ(zx_port_queue(port, &up), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(irq, port, 0x1234567890ull, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(irq, port, 1, ZX_INTERRUPT_BIND), ZX_ERR_ALREADY_BOUND);
  zx_handle_t port2 = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  EXPECT_EQ(zx_interrupt_bind(irq, port2, 1, ZX_INTERRUPT_BIND), ZX_ERR_ALREADY_BOUND);
  EXPECT_EQ(zx_interrupt_bind(irq, port2, 1, ZX_INTERRUPT_UNBIND), ZX_ERR_NOT_FOUND);
  // wait on a bound interrupt -> BAD_STATE
  EXPECT_EQ(zx_interrupt_wait(irq, NULL), ZX_ERR_BAD_STATE);
  zx_port_packet_t out = poison();
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);  // interrupt first despite user queued earlier
  EXPECT_EQ(out.key, 0x1234567890ull);
  EXPECT_EQ(out.type, ZX_PKT_TYPE_INTERRUPT);
  EXPECT_EQ(out.status, ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, 1111);
  EXPECT_EQ(out.interrupt.reserved0, 0);
  EXPECT_EQ(out.interrupt.reserved1, 0);
  EXPECT_EQ(out.interrupt.reserved2, 0);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 500);

  // NEEDACK: trigger records timestamp, no packet.
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 3333), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 4444), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_OK);  // queues packet with 3333
  out = poison();
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, 3333);
  EXPECT_EQ(out.interrupt.reserved0, 0);
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_OK);  // nothing recorded -> IDLE
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_OK);  // IDLE: no-op
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Bound idle: trigger queues with this call's timestamp.
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 5555), ZX_OK);
  // Ack while the packet is still queued and a new timestamp is recorded -> BAD_STATE.
  EXPECT_EQ(zx_interrupt_trigger(irq, 0, 6666), ZX_OK);
  EXPECT_EQ(zx_interrupt_ack(irq), ZX_ERR_BAD_STATE);
  out = poison();
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.interrupt.timestamp, 5555);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Quirk: timestamp 0 while NEEDACK is lost on ack.
  zx_handle_t irq2 = make_irq();
  EXPECT_EQ(zx_interrupt_bind(irq2, port, 2, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq2, 0, 10), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(irq2, 0, 0), ZX_OK);
  EXPECT_EQ(zx_interrupt_ack(irq2), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Unbind removes the queued interrupt packet; unbind ignores key.
  EXPECT_EQ(zx_interrupt_trigger(irq2, 0, 20), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(irq2, port, 999, ZX_INTERRUPT_UNBIND), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_interrupt_ack(irq2), ZX_ERR_BAD_STATE);
  // Rebind to another port works.
  EXPECT_EQ(zx_interrupt_bind(irq2, port2, 3, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(irq2, port2, 3, ZX_INTERRUPT_UNBIND), ZX_OK);

  // Two interrupts on one port: interrupt packets in FIFO order among themselves.
  zx_handle_t ia = make_irq(), ib = make_irq();
  EXPECT_EQ(zx_interrupt_bind(ia, port, 0xA, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_bind(ib, port, 0xB, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_port_queue(port, &up), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(ib, 0, 1), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(ia, 0, 2), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 0xB);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 0xA);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 500);

  // destroy: bound & NEEDACK & dequeued -> NOT_FOUND, then ack -> CANCELED.
  EXPECT_EQ(zx_interrupt_destroy(ia), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_interrupt_ack(ia), ZX_ERR_CANCELED);
  EXPECT_EQ(zx_interrupt_trigger(ia, 0, 9), ZX_ERR_CANCELED);
  EXPECT_EQ(zx_interrupt_bind(ia, port, 0xA, ZX_INTERRUPT_BIND), ZX_ERR_CANCELED);  // destroyed checked first
  EXPECT_EQ(zx_interrupt_bind(ia, port2, 0xA, ZX_INTERRUPT_UNBIND), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_interrupt_bind(ia, port, 0xA, ZX_INTERRUPT_UNBIND), ZX_ERR_CANCELED);
  EXPECT_EQ(zx_interrupt_wait(ia, NULL), ZX_ERR_BAD_STATE);  // still bound
  // destroy: bound & NEEDACK with the packet still queued -> removed, OK.
  EXPECT_EQ(zx_interrupt_ack(ib), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(ib, 0, 3), ZX_OK);
  EXPECT_EQ(zx_interrupt_destroy(ib), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  // destroy twice on bound idle
  zx_handle_t ic = make_irq();
  EXPECT_EQ(zx_interrupt_bind(ic, port, 0xC, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_destroy(ic), ZX_OK);
  EXPECT_EQ(zx_interrupt_ack(ic), ZX_ERR_CANCELED);
  // destroy with no right needed
  zx_handle_t id = make_irq();
  zx_handle_t id_none = dup_rights(id, 0);
  EXPECT_EQ(zx_interrupt_destroy(id_none), ZX_OK);
  EXPECT_EQ(zx_interrupt_wait(id, NULL), ZX_ERR_CANCELED);
  EXPECT_EQ(zx_interrupt_bind(id, port, 1, ZX_INTERRUPT_BIND), ZX_ERR_CANCELED);
  EXPECT_EQ(zx_interrupt_trigger(id, 0, 1), ZX_ERR_CANCELED);

  // interrupt_wait on TRIGGERED returns timestamp at once.
  zx_handle_t ie = make_irq();
  EXPECT_EQ(zx_interrupt_trigger(ie, 0, 777), ZX_OK);
  zx_time_t ts = 0;
  EXPECT_EQ(zx_interrupt_wait(ie, &ts), ZX_OK);
  EXPECT_EQ(ts, 777);
  EXPECT_EQ(zx_interrupt_trigger(ie, 0, 888), ZX_OK);
  EXPECT_EQ(zx_interrupt_wait(ie, NULL), ZX_OK);
  EXPECT_EQ(zx_interrupt_wait(ie, (zx_time_t*)unmapped_page()), ZX_ERR_INVALID_ARGS);

  // Close the last handle of a bound interrupt with a queued packet: destroy removes it.
  zx_handle_t ig = make_irq();
  EXPECT_EQ(zx_interrupt_bind(ig, port, 0x6, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_trigger(ig, 0, 4), ZX_OK);
  EXPECT_EQ(zx_handle_close(ig), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  return finish("t06_interrupt");
}
