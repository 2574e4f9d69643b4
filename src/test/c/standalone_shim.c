// A C executable linked against libzxport_shim with no JVM in the process, so
// no syscall table is ever installed. ShimStandaloneTest runs it and checks
// that the syscalls fail with ZX_ERR_BAD_STATE (reported once on stderr). It
// also checks that zxport_shim_probe accepts good pointers and rejects bad
// ones, with either probe method (ZXPORT_PROBE=pipe selects the fallback).

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zircon/syscalls.h>
#include <zxport/shim.h>

static int checks;
static int failures;

static void expect(const char* call, long actual, long expected) {
  checks++;
  if (actual != expected) {
    failures++;
    printf("standalone_shim: %s returned %ld, expected %ld\n", call, actual, expected);
  }
}

int main(void) {
  zx_handle_t handle;
  zx_port_packet_t packet = {0};
  expect("zx_port_create", zx_port_create(0, &handle), ZX_ERR_BAD_STATE);
  expect("zx_port_queue", zx_port_queue(1, &packet), ZX_ERR_BAD_STATE);
  expect("zx_handle_close", zx_handle_close(1), ZX_ERR_BAD_STATE);
  expect("zx_clock_get_monotonic", (long)zx_clock_get_monotonic(), 0);

  long page = sysconf(_SC_PAGESIZE);
  char* mapped = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) {
    perror("standalone_shim: mmap");
    return 1;
  }
  mapped[0] = 42;
  if (munmap(mapped + page, (size_t)page) != 0) {
    perror("standalone_shim: munmap");
    return 1;
  }
  const char* literal = "read-only bytes";

  expect("probe stack for write", zxport_shim_probe(&packet, sizeof(packet), ZXPORT_PROBE_WRITE), ZX_OK);
  expect("probe mapped page for write", zxport_shim_probe(mapped, (size_t)page, ZXPORT_PROBE_WRITE), ZX_OK);
  expect("byte kept by the write probe", mapped[0], 42);
  expect("probe across the hole", zxport_shim_probe(mapped + page - 4, 8, ZXPORT_PROBE_READ), ZX_ERR_INVALID_ARGS);
  expect("probe unmapped page", zxport_shim_probe(mapped + page, 1, ZXPORT_PROBE_READ), ZX_ERR_INVALID_ARGS);
  expect("probe literal for read", zxport_shim_probe(literal, 8, ZXPORT_PROBE_READ), ZX_OK);
  expect("probe literal for write", zxport_shim_probe(literal, 8, ZXPORT_PROBE_WRITE), ZX_ERR_INVALID_ARGS);
  expect("probe NULL", zxport_shim_probe(NULL, 1, ZXPORT_PROBE_READ), ZX_ERR_INVALID_ARGS);
  expect("probe zero page", zxport_shim_probe((void*)8, 1, ZXPORT_PROBE_READ), ZX_ERR_INVALID_ARGS);
  expect("probe wrapping range", zxport_shim_probe((void*)(uintptr_t)-16, 32, ZXPORT_PROBE_READ),
         ZX_ERR_INVALID_ARGS);
  expect("probe unknown access", zxport_shim_probe(&packet, 1, 4), ZX_ERR_INVALID_ARGS);
  expect("probe zero bytes", zxport_shim_probe(&packet, 0, ZXPORT_PROBE_WRITE), ZX_OK);

  printf("standalone_shim: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
