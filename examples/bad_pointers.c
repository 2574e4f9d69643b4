// Bad pointers passed to syscalls: NULL, an address in the zero page, an
// address that was unmapped, and a string literal (read-only memory) as an
// output. On Fuchsia each of these returns ZX_ERR_INVALID_ARGS, because the
// kernel copies user memory with checks instead of dereferencing it. zxport
// checks pointers without dereferencing them too, so none of these calls may
// crash.
//
// Run: ./zxport run examples/bad_pointers.c
// Exits 0 when every call returned the expected status and a packet whose
// zx_port_wait failed is still queued afterwards.

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zircon/syscalls.h>

static int checks;
static int failures;

static void expect(const char* call, zx_status_t actual, zx_status_t expected) {
  checks++;
  if (actual != expected) {
    failures++;
    fprintf(stderr, "bad_pointers: %s returned %d, expected %d\n", call, actual, expected);
  }
}

int main(void) {
  // An address that was mapped a moment ago and is not any more.
  long page_size = sysconf(_SC_PAGESIZE);
  void* unmapped = mmap(NULL, (size_t)page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (unmapped == MAP_FAILED || munmap(unmapped, (size_t)page_size) != 0) {
    perror("bad_pointers: mmap");
    return 1;
  }
  void* zero_page = (void*)8;
  // Casting away const is the point: the syscall must refuse to write there. The
  // literal is longer than a packet, so reading it is fine.
  void* literal = (void*)(uintptr_t) "a string literal, which lives in read-only memory, and is longer than a packet";

  zx_handle_t port;
  expect("zx_port_create(0, NULL)", zx_port_create(0, NULL), ZX_ERR_INVALID_ARGS);
  expect("zx_port_create(0, (void*)8)", zx_port_create(0, zero_page), ZX_ERR_INVALID_ARGS);
  expect("zx_port_create(0, unmapped)", zx_port_create(0, unmapped), ZX_ERR_INVALID_ARGS);
  expect("zx_port_create(0, literal)", zx_port_create(0, literal), ZX_ERR_INVALID_ARGS);
  expect("zx_port_create(0, &port)", zx_port_create(0, &port), ZX_OK);

  expect("zx_port_queue(port, NULL)", zx_port_queue(port, NULL), ZX_ERR_INVALID_ARGS);
  expect("zx_port_queue(port, (void*)8)", zx_port_queue(port, zero_page), ZX_ERR_INVALID_ARGS);
  expect("zx_port_queue(port, unmapped)", zx_port_queue(port, unmapped), ZX_ERR_INVALID_ARGS);
  // Reading a string literal is fine: it is 48 readable bytes.
  expect("zx_port_queue(port, literal)", zx_port_queue(port, literal), ZX_OK);

  // zxport checks the output before dequeuing, so the packet stays queued.
  expect("zx_port_wait(port, 0, NULL)", zx_port_wait(port, 0, NULL), ZX_ERR_INVALID_ARGS);
  expect("zx_port_wait(port, 0, (void*)8)", zx_port_wait(port, 0, zero_page), ZX_ERR_INVALID_ARGS);
  expect("zx_port_wait(port, 0, unmapped)", zx_port_wait(port, 0, unmapped), ZX_ERR_INVALID_ARGS);
  expect("zx_port_wait(port, 0, literal)", zx_port_wait(port, 0, literal), ZX_ERR_INVALID_ARGS);
  zx_port_packet_t packet;
  expect("zx_port_wait(port, 0, &packet)", zx_port_wait(port, 0, &packet), ZX_OK);
  expect("zx_port_wait on the empty port", zx_port_wait(port, 0, &packet), ZX_ERR_TIMED_OUT);

  zx_handle_t event;
  expect("zx_event_create(0, literal)", zx_event_create(0, literal), ZX_ERR_INVALID_ARGS);
  expect("zx_event_create(0, &event)", zx_event_create(0, &event), ZX_OK);
  expect("zx_object_signal(event, 0, ZX_USER_SIGNAL_0)", zx_object_signal(event, 0, ZX_USER_SIGNAL_0), ZX_OK);
  // observed is optional: NULL means "not requested", but a bad non-NULL pointer is an error.
  expect("zx_object_wait_one(..., NULL)", zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, NULL), ZX_OK);
  expect("zx_object_wait_one(..., (void*)8)", zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, zero_page),
         ZX_ERR_INVALID_ARGS);
  expect("zx_object_wait_one(..., unmapped)", zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, unmapped),
         ZX_ERR_INVALID_ARGS);
  expect("zx_object_wait_one(..., literal)", zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, literal),
         ZX_ERR_INVALID_ARGS);

  zx_info_handle_basic_t info;
  size_t actual;
  size_t avail;
  expect("zx_object_get_info(buffer = literal)",
         zx_object_get_info(event, ZX_INFO_HANDLE_BASIC, literal, sizeof(info), &actual, &avail), ZX_ERR_INVALID_ARGS);
  expect("zx_object_get_info(actual = unmapped)",
         zx_object_get_info(event, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), unmapped, &avail), ZX_ERR_INVALID_ARGS);
  expect("zx_object_get_info(avail = (void*)8)",
         zx_object_get_info(event, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), &actual, zero_page),
         ZX_ERR_INVALID_ARGS);
  expect("zx_object_get_info(actual = NULL, avail = NULL)",
         zx_object_get_info(event, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL), ZX_OK);

  zx_handle_t duplicate;
  expect("zx_handle_duplicate(event, ..., unmapped)",
         zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, unmapped), ZX_ERR_INVALID_ARGS);
  expect("zx_handle_duplicate(event, ..., &duplicate)",
         zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, &duplicate), ZX_OK);
  // The array is read before anything is closed, so both handles stay open.
  expect("zx_handle_close_many(unmapped, 2)", zx_handle_close_many(unmapped, 2), ZX_ERR_INVALID_ARGS);
  expect("zx_handle_close_many((void*)8, 2)", zx_handle_close_many(zero_page, 2), ZX_ERR_INVALID_ARGS);
  expect("zx_handle_close_many(NULL, 0)", zx_handle_close_many(NULL, 0), ZX_OK);
  zx_handle_t handles[] = {event, duplicate};
  expect("zx_handle_close_many(handles, 2)", zx_handle_close_many(handles, 2), ZX_OK);

  zx_handle_t irq;
  expect("zx_interrupt_create(..., literal)", zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, literal),
         ZX_ERR_INVALID_ARGS);
  expect("zx_interrupt_create(..., &irq)", zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &irq),
         ZX_OK);
  expect("zx_interrupt_trigger(irq, 0, 5)", zx_interrupt_trigger(irq, 0, 5), ZX_OK);
  expect("zx_interrupt_wait(irq, unmapped)", zx_interrupt_wait(irq, unmapped), ZX_ERR_INVALID_ARGS);
  zx_instant_boot_t timestamp = 0;
  expect("zx_interrupt_wait(irq, &timestamp)", zx_interrupt_wait(irq, &timestamp), ZX_OK);
  expect("interrupt timestamp is 5", timestamp == 5 ? ZX_OK : ZX_ERR_INTERNAL, ZX_OK);

  expect("zx_handle_close(irq)", zx_handle_close(irq), ZX_OK);
  expect("zx_handle_close(port)", zx_handle_close(port), ZX_OK);

  printf("bad_pointers: %d checks, %d failed: %s\n", checks, failures, failures == 0 ? "OK" : "FAILED");
  return failures == 0 ? 0 : 1;
}
