// An event loop in the style of a Fuchsia component: one port collects user
// packets (work posted by other parts of the program) and signal packets
// (zx_object_wait_async on several events), and the loop drains it with a
// timeout from zx_deadline_after. Each signal is cleared and its wait re-armed
// when its packet is handled, as async-loop dispatchers do.
//
// Run: ./zxport run examples/event_loop.c
// Exits 0 when every packet arrived exactly once, in order, and every round
// ended with a timeout.

#include <stdio.h>
#include <zircon/syscalls.h>

#define EVENT_COUNT 3
#define ROUNDS 4
#define USER_PACKETS_PER_ROUND 5
#define USER_KEY 1000
#define EVENT_KEY_BASE 2000
#define IDLE_TIMEOUT ZX_MSEC(20)

#define CHECK_OK(call)                                                   \
  do {                                                                   \
    zx_status_t status_ = (call);                                        \
    if (status_ != ZX_OK) {                                              \
      fprintf(stderr, "event_loop: %s failed with %d\n", #call, status_); \
      return 1;                                                          \
    }                                                                    \
  } while (0)

// Event i fires in the rounds where (round + i) is even.
static int event_fires(int round, int event) {
  return (round + event) % 2 == 0;
}

int main(void) {
  zx_handle_t port;
  CHECK_OK(zx_port_create(0, &port));

  zx_handle_t events[EVENT_COUNT];
  for (int i = 0; i < EVENT_COUNT; i++) {
    CHECK_OK(zx_event_create(0, &events[i]));
    CHECK_OK(zx_object_wait_async(events[i], port, EVENT_KEY_BASE + i, ZX_USER_SIGNAL_0, 0));
  }

  int user_packets = 0;
  int signal_packets[EVENT_COUNT] = {0};
  int expected_signals[EVENT_COUNT] = {0};
  int timeouts = 0;
  int errors = 0;

  for (int round = 0; round < ROUNDS; round++) {
    // Post this round's work, then raise some of the events.
    for (int j = 0; j < USER_PACKETS_PER_ROUND; j++) {
      zx_port_packet_t packet = {.key = USER_KEY, .type = ZX_PKT_TYPE_USER, .status = ZX_OK};
      packet.user.u64[0] = (uint64_t)(round * 100 + j);
      CHECK_OK(zx_port_queue(port, &packet));
    }
    for (int i = 0; i < EVENT_COUNT; i++) {
      if (event_fires(round, i)) {
        CHECK_OK(zx_object_signal(events[i], 0, ZX_USER_SIGNAL_0));
        expected_signals[i]++;
      }
    }

    // Drain until the port stays idle for IDLE_TIMEOUT.
    int next_user = 0;
    for (;;) {
      zx_port_packet_t packet;
      zx_status_t status = zx_port_wait(port, zx_deadline_after(IDLE_TIMEOUT), &packet);
      if (status == ZX_ERR_TIMED_OUT) {
        timeouts++;
        break;
      }
      CHECK_OK(status);
      if (ZX_PKT_IS_USER(packet.type)) {
        uint64_t expected = (uint64_t)(round * 100 + next_user);
        if (packet.key != USER_KEY || packet.user.u64[0] != expected) {
          fprintf(stderr, "event_loop: round %d: user packet key %lu payload %lu, expected %d and %lu\n", round,
                  (unsigned long)packet.key, (unsigned long)packet.user.u64[0], USER_KEY, (unsigned long)expected);
          errors++;
        }
        next_user++;
        user_packets++;
      } else if (ZX_PKT_IS_SIGNAL_ONE(packet.type)) {
        int event = (int)(packet.key - EVENT_KEY_BASE);
        if (event < 0 || event >= EVENT_COUNT || !(packet.signal.observed & ZX_USER_SIGNAL_0) ||
            packet.signal.trigger != ZX_USER_SIGNAL_0 || packet.signal.count != 1) {
          fprintf(stderr, "event_loop: unexpected signal packet key %lu observed 0x%x\n", (unsigned long)packet.key,
                  packet.signal.observed);
          errors++;
          continue;
        }
        signal_packets[event]++;
        CHECK_OK(zx_object_signal(events[event], ZX_USER_SIGNAL_0, 0));
        CHECK_OK(zx_object_wait_async(events[event], port, EVENT_KEY_BASE + event, ZX_USER_SIGNAL_0, 0));
      } else {
        fprintf(stderr, "event_loop: unexpected packet type %u\n", packet.type);
        errors++;
      }
    }
    if (next_user != USER_PACKETS_PER_ROUND) {
      fprintf(stderr, "event_loop: round %d drained %d user packets, expected %d\n", round, next_user,
              USER_PACKETS_PER_ROUND);
      errors++;
    }
  }

  int total_signals = 0;
  for (int i = 0; i < EVENT_COUNT; i++) {
    total_signals += signal_packets[i];
    if (signal_packets[i] != expected_signals[i]) {
      fprintf(stderr, "event_loop: event %d delivered %d signal packets, expected %d\n", i, signal_packets[i],
              expected_signals[i]);
      errors++;
    }
    CHECK_OK(zx_handle_close(events[i]));
  }
  CHECK_OK(zx_handle_close(port));
  if (timeouts != ROUNDS) {
    fprintf(stderr, "event_loop: %d rounds ended with a timeout, expected %d\n", timeouts, ROUNDS);
    errors++;
  }

  printf("event_loop: %d user packets, %d signal packets from %d events, %d idle timeouts: %s\n", user_packets,
         total_signals, EVENT_COUNT, timeouts, errors == 0 ? "OK" : "FAILED");
  return errors == 0 ? 0 : 1;
}
