// zx_object_wait_async: option validation, check order, signal packet contents, level vs edge.
#include "check.h"

int main(void) {
  zx_handle_t port = make_port(0);
  zx_handle_t ev = make_event();
  zx_handle_t closed = closed_handle();
  zx_port_packet_t out;

  // Options first: before any handle check.
  EXPECT_EQ(zx_object_wait_async(closed, closed, 0, ZX_USER_SIGNAL_0, 8), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_wait_async(closed, closed, 0, ZX_USER_SIGNAL_0, 20), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_wait_async(closed, closed, 0, ZX_USER_SIGNAL_0, 0x80000000u), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_wait_async(closed, closed, 0, ZX_USER_SIGNAL_0, 5), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_wait_async(closed, closed, 0, ZX_USER_SIGNAL_0, 7), ZX_ERR_INVALID_ARGS);
  // Valid options pass option check and then fail on the port handle.
  for (uint32_t o = 0; o <= 6; o++) {
    if (o == 5) continue;
    EXPECT_EQ(zx_object_wait_async(closed, closed, 0, ZX_USER_SIGNAL_0, o), ZX_ERR_BAD_HANDLE);
  }
  // Port handle first.
  EXPECT_EQ(zx_object_wait_async(ev, closed, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_object_wait_async(closed, ev, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_WRONG_TYPE);
  zx_handle_t port_nowrite = dup_rights(port, 0x800F & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(zx_object_wait_async(closed, port_nowrite, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_ACCESS_DENIED);
  // Then the watched handle.
  EXPECT_EQ(zx_object_wait_async(closed, port, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_object_wait_async(ZX_HANDLE_INVALID, port, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_BAD_HANDLE);
  zx_handle_t ev_nowait = dup_rights(ev, 0xD003 & ~ZX_RIGHT_WAIT);
  EXPECT_EQ(zx_object_wait_async(ev_nowait, port, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_object_wait_async(port, port, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_ACCESS_DENIED);
  // Wait without WAIT right but port with no write: port check first.
  EXPECT_EQ(zx_object_wait_async(ev_nowait, port_nowrite, 0, ZX_USER_SIGNAL_0, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // Level: already-active signal queues at registration.
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1 | ZX_EVENT_SIGNALED), ZX_OK);
  zx_time_t before = zx_clock_get_monotonic();
  EXPECT_EQ(zx_object_wait_async(ev, port, 0xAABBCCDDEEFF0011ull, ZX_USER_SIGNAL_1 | ZX_USER_SIGNAL_5,
                                 ZX_WAIT_ASYNC_TIMESTAMP), ZX_OK);
  zx_time_t after = zx_clock_get_monotonic();
  memset(&out, 0x77, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 0xAABBCCDDEEFF0011ull);
  EXPECT_EQ(out.type, ZX_PKT_TYPE_SIGNAL_ONE);
  EXPECT_EQ(out.status, ZX_OK);
  EXPECT_EQ(out.signal.trigger, ZX_USER_SIGNAL_1 | ZX_USER_SIGNAL_5);
  EXPECT_EQ(out.signal.observed, ZX_USER_SIGNAL_1 | ZX_EVENT_SIGNALED);
  EXPECT_EQ(out.signal.count, 1);
  EXPECT_TRUE(out.signal.timestamp >= before);
  EXPECT_TRUE(out.signal.timestamp <= after);
  EXPECT_EQ(out.signal.reserved1, 0);
  // One-shot: nothing else.
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);

  // No timestamp: timestamp 0; BOOT_TIMESTAMP: nonzero.
  EXPECT_EQ(zx_object_wait_async(ev, port, 2, ZX_USER_SIGNAL_1, 0), ZX_OK);
  memset(&out, 0x77, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.signal.timestamp, 0);
  EXPECT_EQ(out.signal.reserved1, 0);
  EXPECT_EQ(out.signal.count, 1);
  EXPECT_EQ(zx_object_wait_async(ev, port, 3, ZX_USER_SIGNAL_1, ZX_WAIT_ASYNC_BOOT_TIMESTAMP), ZX_OK);
  memset(&out, 0x77, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_TRUE(out.signal.timestamp > 0);
  EXPECT_TRUE(out.signal.timestamp <= zx_clock_get_monotonic());

  // Edge: active signal ignored at registration.
  EXPECT_EQ(zx_object_wait_async(ev, port, 4, ZX_USER_SIGNAL_1, ZX_WAIT_ASYNC_EDGE), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  // Setting an already-set bit does not fire.
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  // Clearing does not fire.
  EXPECT_EQ(zx_object_signal(ev, ZX_EVENT_SIGNALED, 0), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  // Quirk: an unrelated bit going active fires the edge observer since trigger intersects new active set.
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_7), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 4);
  EXPECT_EQ(out.signal.observed, ZX_USER_SIGNAL_1 | ZX_USER_SIGNAL_7);
  // Edge after clear + set fires.
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL | ZX_EVENT_SIGNALED, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev, port, 5, ZX_USER_SIGNAL_2, ZX_WAIT_ASYNC_EDGE | ZX_WAIT_ASYNC_TIMESTAMP), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_3), ZX_OK);  // unrelated, not in active∩trigger
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_3, ZX_USER_SIGNAL_2), ZX_OK);  // clear 3 set 2 in one call
  memset(&out, 0, sizeof out);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 5);
  EXPECT_EQ(out.signal.observed, ZX_USER_SIGNAL_2);
  EXPECT_TRUE(out.signal.timestamp != 0);

  // Clear and set the same bit in one signal call: cleared first, then set.
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_4, ZX_USER_SIGNAL_4), ZX_OK);
  zx_signals_t obs = 0;
  EXPECT_EQ(zx_object_wait_one(ev, ZX_USER_SIGNAL_4, 0, &obs), ZX_OK);
  EXPECT_EQ(obs, ZX_USER_SIGNAL_4);

  // signals == 0 never fires.
  EXPECT_EQ(zx_object_wait_async(ev, port, 6, 0, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL, ZX_USER_SIGNAL_ALL | ZX_EVENT_SIGNALED), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  EXPECT_EQ(zx_port_cancel(port, ev, 6), ZX_OK);

  // Duplicates not deduplicated: N calls N packets.
  EXPECT_EQ(zx_object_signal(ev, ZX_USER_SIGNAL_ALL | ZX_EVENT_SIGNALED, 0), ZX_OK);
  for (int i = 0; i < 3; i++) EXPECT_EQ(zx_object_wait_async(ev, port, 7, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  int n = 0;
  while (zx_port_wait(port, 0, &out) == ZX_OK) n++;
  EXPECT_EQ(n, 3);

  // Newest registration first: keys 0..6 registered in order, fire together.
  zx_handle_t ev2 = make_event();
  for (uint64_t k = 0; k < 7; k++) EXPECT_EQ(zx_object_wait_async(ev2, port, k, ZX_EVENT_SIGNALED, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev2, 0, ZX_EVENT_SIGNALED), ZX_OK);
  for (int i = 0; i < 7; i++) {
    EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
    EXPECT_EQ(out.key, 6 - i);
  }
  // Mixed: two objects, observers interleaved; user packet between.
  zx_handle_t ev3 = make_event();
  EXPECT_EQ(zx_object_wait_async(ev3, port, 1, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev3, port, 2, ZX_USER_SIGNAL_1, 0), ZX_OK);
  EXPECT_EQ(zx_object_wait_async(ev3, port, 3, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev3, 0, ZX_USER_SIGNAL_0), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 3);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 1);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  // Observer 2 (USER_SIGNAL_1) still pending; setting 1 now gives observed 0|1.
  EXPECT_EQ(zx_object_signal(ev3, 0, ZX_USER_SIGNAL_1), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 2);
  EXPECT_EQ(out.signal.observed, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1);

  // observed keeps bits cleared later (snapshot at fire time).
  zx_handle_t ev4 = make_event();
  EXPECT_EQ(zx_object_wait_async(ev4, port, 9, ZX_USER_SIGNAL_0, 0), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev4, 0, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_6), ZX_OK);
  EXPECT_EQ(zx_object_signal(ev4, ZX_USER_SIGNAL_ALL, 0), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.signal.observed, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_6);

  // object_signal option checks.
  EXPECT_EQ(zx_object_signal(ev, 0, 0x1), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_signal(ev, ZX_SIGNAL_HANDLE_CLOSED, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_signal(closed, 0, 0x1), ZX_ERR_BAD_HANDLE);
  zx_handle_t ev_nosig = dup_rights(ev, ZX_RIGHT_WAIT);
  EXPECT_EQ(zx_object_signal(ev_nosig, 0, 0x1), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_object_signal(port, 0, 0x1), ZX_ERR_ACCESS_DENIED);
  // Event create options.
  zx_handle_t e;
  EXPECT_EQ(zx_event_create(1, &e), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_event_create(1, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(rights_of(ev), 0xD003);

  return finish("t04_wait_async");
}
