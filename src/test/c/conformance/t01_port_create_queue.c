// zx_port_create options and rights; zx_port_queue check order and packet contents.
#include "check.h"

int main(void) {
  zx_handle_t p;
  EXPECT_EQ(zx_port_create(2, &p), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_create(3, &p), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_create(0x80000000u, &p), ZX_ERR_INVALID_ARGS);
  // Options are checked before the handle is written through the out pointer.
  EXPECT_EQ(zx_port_create(2, NULL), ZX_ERR_INVALID_ARGS);

  zx_handle_t port = make_port(0);
  zx_handle_t iport = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  EXPECT_EQ(port & ZX_HANDLE_FIXED_BITS_MASK, 3);
  EXPECT_EQ(rights_of(port), 0x800F);
  EXPECT_EQ(rights_of(iport), 0x800F);

  zx_info_handle_basic_t info;
  memset(&info, 0xab, sizeof info);
  EXPECT_EQ(zx_object_get_info(port, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL), ZX_OK);
  EXPECT_EQ(info.type, ZX_OBJ_TYPE_PORT);
  EXPECT_EQ(info.related_koid, 0);
  EXPECT_EQ(info.reserved, 0);
  EXPECT_TRUE(info.koid >= ZX_KOID_FIRST);

  // Queue: check order bad handle, wrong type, access denied, then pointer.
  zx_port_packet_t pkt;
  memset(&pkt, 0, sizeof pkt);
  zx_handle_t ev = make_event();
  zx_handle_t port_nowrite = dup_rights(port, 0x800F & ~ZX_RIGHT_WRITE);
  EXPECT_EQ(zx_port_queue(ZX_HANDLE_INVALID, &pkt), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_queue(closed_handle(), NULL), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_queue(ev, NULL), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_port_queue(port_nowrite, NULL), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_port_queue(port_nowrite, &pkt), ZX_ERR_ACCESS_DENIED);
  // Handle with low bits cleared is BAD_HANDLE.
  EXPECT_EQ(zx_port_queue(port & ~3u, &pkt), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_port_queue(port & ~1u, &pkt), ZX_ERR_BAD_HANDLE);
  // Event with no rights: wrong type still wins over rights.
  zx_handle_t ev_none = dup_rights(ev, 0);
  EXPECT_EQ(zx_port_queue(ev_none, &pkt), ZX_ERR_WRONG_TYPE);

  // Contents: type overwritten with 0, key/status/union kept byte for byte.
  for (uint32_t t = 1; t < 12; t++) {
    zx_port_packet_t in;
    memset(&in, 0, sizeof in);
    in.key = 0xfedcba9876543210ull + t;
    in.type = t == 11 ? 0xFFFFFFFFu : t;
    in.status = t == 3 ? -3 : (zx_status_t)0x7fff0000 + (int)t;
    for (int i = 0; i < 32; i++) in.user.c8[i] = (uint8_t)(i * 7 + t);
    EXPECT_EQ(zx_port_queue(port, &in), ZX_OK);
    zx_port_packet_t out;
    memset(&out, 0x5a, sizeof out);
    EXPECT_EQ(zx_port_wait(port, ZX_TIME_INFINITE_PAST, &out), ZX_OK);
    EXPECT_EQ(out.key, in.key);
    EXPECT_EQ(out.type, ZX_PKT_TYPE_USER);
    EXPECT_EQ(out.status, in.status);
    EXPECT_EQ(memcmp(out.user.c8, in.user.c8, 32), 0);
  }
  // The interrupt-capable port keeps user packets the same way, with type 0.
  zx_port_packet_t in = {.key = 1, .type = ZX_PKT_TYPE_INTERRUPT, .status = ZX_ERR_CANCELED};
  EXPECT_EQ(zx_port_queue(iport, &in), ZX_OK);
  zx_port_packet_t out;
  EXPECT_EQ(zx_port_wait(iport, 0, &out), ZX_OK);
  EXPECT_EQ(out.type, ZX_PKT_TYPE_USER);
  EXPECT_EQ(out.status, ZX_ERR_CANCELED);

  // Caller's packet is const: not modified by queue.
  zx_port_packet_t orig = {.key = 9, .type = 5, .status = -3};
  zx_port_packet_t copy = orig;
  EXPECT_EQ(zx_port_queue(port, &copy), ZX_OK);
  EXPECT_EQ(memcmp(&orig, &copy, sizeof orig), 0);

  // Misaligned packet pointer is fine in C (kernel copies bytes).
  unsigned char buf[64];
  memset(buf, 0, sizeof buf);
  buf[1] = 77;  // key low byte at offset 1 -> key = 77
  EXPECT_EQ(zx_port_queue(port, (zx_port_packet_t*)(buf + 1)), ZX_OK);
  // Drain: first the orig packet then misaligned.
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_OK);
  EXPECT_EQ(out.key, 9);
  EXPECT_EQ(zx_port_wait(port, 0, (zx_port_packet_t*)(buf + 3)), ZX_OK);
  memcpy(&out, buf + 3, sizeof out);
  EXPECT_EQ(out.key, 77);

  // Packet that straddles into an unmapped page -> INVALID_ARGS.
  long ps = sysconf(_SC_PAGESIZE);
  unsigned char* two = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + ps, ps);
  zx_port_packet_t* straddle = (zx_port_packet_t*)(two + ps - 24);
  EXPECT_EQ(zx_port_queue(port, straddle), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_wait(port, 0, &out), ZX_ERR_TIMED_OUT);
  // Straddling output: INVALID_ARGS (zxport keeps the packet queued).
  EXPECT_EQ(zx_port_queue(port, &orig), ZX_OK);
  EXPECT_EQ(zx_port_wait(port, 0, straddle), ZX_ERR_INVALID_ARGS);
  // Read-only page output
  unsigned char* ro = mmap(NULL, ps, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  EXPECT_EQ(zx_port_wait(port, 0, (zx_port_packet_t*)ro), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_create(0, (zx_handle_t*)ro), ZX_ERR_INVALID_ARGS);
  // Exactly at end of mapped page: last 48 bytes ok
  EXPECT_EQ(zx_port_wait(port, 0, (zx_port_packet_t*)(two + ps - 48)), ZX_OK);

  return finish("t01_port_create_queue");
}
