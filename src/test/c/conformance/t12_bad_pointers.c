// Bad pointers: INVALID_ARGS without a crash, and the kernel's order of handle checks
// before the copy to or from user memory.
#include "check.h"

int main(void) {
  void* un = unmapped_page();
  long ps = sysconf(_SC_PAGESIZE);
  void* ro = mmap(NULL, ps, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  void* zp = (void*)16;
  void* kern = (void*)0xffff800000001000ull;  // kernel half
  void* noncanon = (void*)0x0000900000000000ull;  // above the user half on 47-bit VA
  void* bads[] = {NULL, zp, un, ro, kern, noncanon};
  const char* names[] = {"NULL", "zero page", "unmapped", "read-only", "kernel half", "non-canonical"};
  zx_handle_t port = make_port(ZX_PORT_BIND_TO_INTERRUPT);
  zx_handle_t ev = make_event();
  zx_handle_t irq = make_irq();
  zx_handle_t closed = closed_handle();

  for (int i = 0; i < 6; i++) {
    void* b = bads[i];
    int is_ro = (b == ro);
    printf("-- %s\n", names[i]);
    // Inputs: read-only memory is readable (filled with zeros), so it succeeds.
    EXPECT_EQ(zx_port_queue(port, b), is_ro ? ZX_OK : ZX_ERR_INVALID_ARGS);
    zx_port_packet_t drain;
    while (zx_port_wait(port, 0, &drain) == ZX_OK) {}
    EXPECT_EQ(zx_handle_close_many(b, 1), is_ro ? ZX_OK : ZX_ERR_INVALID_ARGS);
    // Outputs.
    EXPECT_EQ(zx_port_create(0, b), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_event_create(0, b), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, b), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, b), ZX_ERR_INVALID_ARGS);
    zx_port_packet_t pkt = {.key = 1};
    EXPECT_EQ(zx_port_queue(port, &pkt), ZX_OK);
    EXPECT_EQ(zx_port_wait(port, 0, b), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_port_wait(port, 0, &pkt), ZX_OK);  // zxport keeps it queued
    EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, b, 32, NULL, NULL), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, &pkt, 32, b, NULL), b == NULL ? ZX_OK : ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, &pkt, 32, NULL, b), b == NULL ? ZX_OK : ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0), ZX_OK);
    EXPECT_EQ(zx_object_wait_one(ev, ZX_USER_SIGNAL_0, 0, b), b == NULL ? ZX_OK : ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(zx_interrupt_trigger(irq, 0, 5), ZX_OK);
    EXPECT_EQ(zx_interrupt_wait(irq, b), b == NULL ? ZX_OK : ZX_ERR_INVALID_ARGS);
  }

  printf("-- order: handle errors come before the copy\n");
  EXPECT_EQ(zx_handle_duplicate(closed, ZX_RIGHT_SAME_RIGHTS, NULL), ZX_ERR_BAD_HANDLE);
  zx_handle_t nodup = dup_rights(ev, ZX_RIGHT_WAIT);
  EXPECT_EQ(zx_handle_duplicate(nodup, ZX_RIGHT_SAME_RIGHTS, NULL), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_handle_replace(closed, ZX_RIGHT_SAME_RIGHTS, NULL), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_object_wait_one(closed, ZX_USER_SIGNAL_0, 0, un), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_object_wait_one(port, ZX_USER_SIGNAL_0, 0, un), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_object_get_info(closed, ZX_INFO_HANDLE_BASIC, NULL, 32, NULL, NULL), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_interrupt_wait(closed, un), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_interrupt_wait(ev, un), ZX_ERR_WRONG_TYPE);
  zx_handle_t bound = make_irq();
  EXPECT_EQ(zx_interrupt_bind(bound, port, 1, ZX_INTERRUPT_BIND), ZX_OK);
  EXPECT_EQ(zx_interrupt_wait(bound, un), ZX_ERR_BAD_STATE);
  zx_handle_t dead = make_irq();
  zx_interrupt_destroy(dead);
  EXPECT_EQ(zx_interrupt_wait(dead, un), ZX_ERR_CANCELED);
  // HANDLE_VALID writes nothing, so its pointers are never touched.
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, un, 32, un, un), ZX_OK);
  // A wait that times out copies nothing out.
  zx_handle_t empty = make_port(0);
  EXPECT_EQ(zx_port_wait(empty, ZX_TIME_INFINITE_PAST, NULL), ZX_ERR_TIMED_OUT);
  // Output straddling the end of a mapping.
  unsigned char* two = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + ps, ps);
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, two + ps - 16, 32, NULL, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_port_create(0, (zx_handle_t*)(two + ps - 2)), ZX_ERR_INVALID_ARGS);
  // buffer_size huge but buffer small & valid: a record is 32 bytes, only 32 are written.
  zx_info_handle_basic_t info;
  size_t actual = 0;
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, &info, (size_t)-1, &actual, NULL), ZX_OK);
  EXPECT_EQ(actual, 1);
  return finish("t12_bad_pointers");
}
