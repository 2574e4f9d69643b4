// The per-port observer limit (50000) raises a policy exception but still registers
// the observer; every observer still fires.
#include "check.h"

int main(void) {
  zx_handle_t port = make_port(0);
  zx_handle_t ev = make_event();
  int ok = 0;
  zx_status_t first_bad = ZX_OK;
  for (int i = 0; i < 50005; i++) {
    zx_status_t s = zx_object_wait_async(ev, port, (uint64_t)i, ZX_USER_SIGNAL_0, 0);
    if (s == ZX_OK) ok++;
    else if (first_bad == ZX_OK) first_bad = s;
  }
  EXPECT_EQ(ok, 50005);
  EXPECT_EQ(first_bad, ZX_OK);
  EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
  zx_port_packet_t out;
  int n = 0;
  uint64_t expect = 50004;
  int order_ok = 1;
  while (zx_port_wait(port, 0, &out) == ZX_OK) {
    if (out.key != expect) order_ok = 0;
    expect--;
    n++;
  }
  EXPECT_EQ(n, 50005);
  EXPECT_TRUE(order_ok);  // newest registration first
  // User packets still limited independently while signal packets are many.
  return finish("t11_observers");
}
