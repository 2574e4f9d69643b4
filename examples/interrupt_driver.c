// A driver-style interrupt loop: the driver binds a virtual interrupt to a
// port created with ZX_PORT_BIND_TO_INTERRUPT and serves it from the same
// port that carries its control messages. A "device" thread plays the
// hardware and raises the interrupt with zx_interrupt_trigger; the driver
// handles each interrupt packet and re-arms the line with zx_interrupt_ack.
//
// Checked along the way: interrupt packets overtake queued user packets,
// triggers that arrive before the ack are delivered (the first timestamp
// wins) only after the ack, and a destroyed interrupt reports ZX_ERR_CANCELED.
//
// Run: ./zxport run examples/interrupt_driver.c
// Exits 0 when every interrupt and control packet arrived as expected.

#include <pthread.h>
#include <stdio.h>
#include <zircon/syscalls.h>

#define IRQ_KEY 7
#define CONTROL_KEY 99
#define DEVICE_INTERRUPTS 50
#define STOP_COMMAND 0xdead

#define CHECK_OK(call)                                                         \
  do {                                                                         \
    zx_status_t status_ = (call);                                              \
    if (status_ != ZX_OK) {                                                    \
      fprintf(stderr, "interrupt_driver: %s failed with %d\n", #call, status_); \
      return 1;                                                                \
    }                                                                          \
  } while (0)

struct device {
  zx_handle_t irq;
  zx_handle_t port;
  zx_handle_t ready;  // The driver raises ZX_USER_SIGNAL_0 when it can take the next interrupt.
  zx_status_t status;
};

static zx_instant_boot_t device_timestamp(int i) {
  return 1000000 + (zx_instant_boot_t)i * 1000;
}

// The device thread: raises one interrupt each time the driver is ready, then
// sends the driver a stop command in a control packet.
static void* run_device(void* arg) {
  struct device* device = arg;
  for (int i = 0; i < DEVICE_INTERRUPTS; i++) {
    zx_status_t status = zx_object_wait_one(device->ready, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, NULL);
    if (status == ZX_OK) {
      status = zx_object_signal(device->ready, ZX_USER_SIGNAL_0, 0);
    }
    if (status == ZX_OK) {
      status = zx_interrupt_trigger(device->irq, 0, device_timestamp(i));
    }
    if (status != ZX_OK) {
      device->status = status;
      return NULL;
    }
  }
  zx_port_packet_t stop = {.key = CONTROL_KEY, .type = ZX_PKT_TYPE_USER};
  stop.user.u64[0] = STOP_COMMAND;
  device->status = zx_port_queue(device->port, &stop);
  return NULL;
}

// Waits for one packet and checks that it is an interrupt packet with `timestamp`.
static int expect_interrupt(zx_handle_t port, zx_instant_boot_t timestamp) {
  zx_port_packet_t packet;
  zx_status_t status = zx_port_wait(port, ZX_TIME_INFINITE, &packet);
  if (status != ZX_OK || packet.key != IRQ_KEY || !ZX_PKT_IS_INTERRUPT(packet.type) ||
      packet.interrupt.timestamp != timestamp) {
    fprintf(stderr, "interrupt_driver: expected interrupt %ld, got status %d key %lu type %u timestamp %ld\n",
            (long)timestamp, status, (unsigned long)packet.key, packet.type, (long)packet.interrupt.timestamp);
    return 0;
  }
  return 1;
}

int main(void) {
  int errors = 0;
  int interrupts = 0;
  int control_packets = 0;

  zx_handle_t port;
  zx_handle_t irq;
  CHECK_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
  CHECK_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &irq));
  CHECK_OK(zx_interrupt_bind(irq, port, IRQ_KEY, ZX_INTERRUPT_BIND));

  // An interrupt overtakes a control packet that was queued before it.
  zx_port_packet_t control = {.key = CONTROL_KEY, .type = ZX_PKT_TYPE_USER};
  control.user.u64[0] = 1;
  CHECK_OK(zx_port_queue(port, &control));
  CHECK_OK(zx_interrupt_trigger(irq, 0, 100));
  errors += !expect_interrupt(port, 100);
  interrupts++;
  zx_port_packet_t packet;
  CHECK_OK(zx_port_wait(port, ZX_TIME_INFINITE, &packet));
  if (packet.key != CONTROL_KEY || packet.user.u64[0] != 1) {
    fprintf(stderr, "interrupt_driver: expected the control packet, got key %lu\n", (unsigned long)packet.key);
    errors++;
  }
  control_packets++;
  CHECK_OK(zx_interrupt_ack(irq));

  // Triggers before the ack queue nothing; the ack delivers the first one.
  CHECK_OK(zx_interrupt_trigger(irq, 0, 200));
  CHECK_OK(zx_interrupt_trigger(irq, 0, 201));
  CHECK_OK(zx_interrupt_trigger(irq, 0, 202));
  errors += !expect_interrupt(port, 200);
  interrupts++;
  if (zx_port_wait(port, zx_deadline_after(ZX_MSEC(10)), &packet) != ZX_ERR_TIMED_OUT) {
    fprintf(stderr, "interrupt_driver: a packet arrived before the ack\n");
    errors++;
  }
  CHECK_OK(zx_interrupt_ack(irq));
  errors += !expect_interrupt(port, 201);
  interrupts++;
  CHECK_OK(zx_interrupt_ack(irq));
  if (zx_port_wait(port, zx_deadline_after(ZX_MSEC(10)), &packet) != ZX_ERR_TIMED_OUT) {
    fprintf(stderr, "interrupt_driver: the trigger at 202 was delivered, but 201 had already been recorded\n");
    errors++;
  }

  // The device thread raises interrupts one at a time; the driver loop serves
  // them until the device sends the stop command.
  struct device device = {.irq = irq, .port = port, .status = ZX_OK};
  CHECK_OK(zx_event_create(0, &device.ready));
  CHECK_OK(zx_object_signal(device.ready, 0, ZX_USER_SIGNAL_0));
  pthread_t thread;
  if (pthread_create(&thread, NULL, run_device, &device) != 0) {
    fprintf(stderr, "interrupt_driver: pthread_create failed\n");
    return 1;
  }
  int served = 0;
  for (;;) {
    CHECK_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &packet));
    if (ZX_PKT_IS_INTERRUPT(packet.type)) {
      if (packet.key != IRQ_KEY || packet.interrupt.timestamp != device_timestamp(served)) {
        fprintf(stderr, "interrupt_driver: device interrupt %d has timestamp %ld\n", served,
                (long)packet.interrupt.timestamp);
        errors++;
      }
      served++;
      interrupts++;
      CHECK_OK(zx_interrupt_ack(irq));
      CHECK_OK(zx_object_signal(device.ready, 0, ZX_USER_SIGNAL_0));
    } else if (packet.key == CONTROL_KEY && packet.user.u64[0] == STOP_COMMAND) {
      control_packets++;
      break;
    } else {
      fprintf(stderr, "interrupt_driver: unexpected packet key %lu type %u\n", (unsigned long)packet.key, packet.type);
      errors++;
    }
  }
  pthread_join(thread, NULL);
  if (device.status != ZX_OK) {
    fprintf(stderr, "interrupt_driver: the device thread failed with %d\n", device.status);
    errors++;
  }
  if (served != DEVICE_INTERRUPTS) {
    fprintf(stderr, "interrupt_driver: served %d device interrupts, expected %d\n", served, DEVICE_INTERRUPTS);
    errors++;
  }

  // A destroyed interrupt rejects triggers.
  CHECK_OK(zx_interrupt_destroy(irq));
  zx_status_t status = zx_interrupt_trigger(irq, 0, 300);
  if (status != ZX_ERR_CANCELED) {
    fprintf(stderr, "interrupt_driver: trigger after destroy returned %d, expected ZX_ERR_CANCELED\n", status);
    errors++;
  }

  zx_handle_t handles[] = {device.ready, irq, port};
  CHECK_OK(zx_handle_close_many(handles, sizeof(handles) / sizeof(handles[0])));

  printf("interrupt_driver: %d interrupt packets (%d from the device thread), %d control packets: %s\n", interrupts,
         served, control_packets, errors == 0 ? "OK" : "FAILED");
  return errors == 0 ? 0 : 1;
}
