// Shared helpers for the zxport conformance programs in this directory.
#ifndef TRIAL_CHECK_H_
#define TRIAL_CHECK_H_

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zircon/syscalls.h>

static __attribute__((unused)) int g_checks;
static __attribute__((unused)) int g_failures;

#define EXPECT_EQ(actual, expected)                                                          \
  do {                                                                                       \
    long long a_ = (long long)(actual), e_ = (long long)(expected);                          \
    g_checks++;                                                                              \
    if (a_ != e_) {                                                                          \
      g_failures++;                                                                          \
      printf("FAIL %s:%d: %s: expected %lld (0x%llx), actual %lld (0x%llx)\n", __FILE__,   \
             __LINE__, #actual, e_, (unsigned long long)e_, a_, (unsigned long long)a_);     \
    }                                                                                        \
  } while (0)

#define EXPECT_TRUE(cond)                                                                    \
  do {                                                                                       \
    g_checks++;                                                                              \
    if (!(cond)) {                                                                           \
      g_failures++;                                                                          \
      printf("FAIL %s:%d: expected true: %s\n", __FILE__, __LINE__, #cond);                 \
    }                                                                                        \
  } while (0)

static __attribute__((unused)) int finish(const char* name) {
  printf("%s: %d checks, %d failed\n", name, g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}

static __attribute__((unused)) zx_handle_t make_port(uint32_t options) {
  zx_handle_t h = ZX_HANDLE_INVALID;
  zx_status_t s = zx_port_create(options, &h);
  if (s != ZX_OK) printf("setup: zx_port_create(%u) = %d\n", options, s);
  return h;
}

static __attribute__((unused)) zx_handle_t make_event(void) {
  zx_handle_t h = ZX_HANDLE_INVALID;
  zx_status_t s = zx_event_create(0, &h);
  if (s != ZX_OK) printf("setup: zx_event_create = %d\n", s);
  return h;
}

static __attribute__((unused)) zx_handle_t make_irq(void) {
  zx_handle_t h = ZX_HANDLE_INVALID;
  zx_status_t s = zx_interrupt_create(ZX_HANDLE_INVALID, 0, ZX_INTERRUPT_VIRTUAL, &h);
  if (s != ZX_OK) printf("setup: zx_interrupt_create = %d\n", s);
  return h;
}

static __attribute__((unused)) zx_handle_t dup_rights(zx_handle_t h, zx_rights_t r) {
  zx_handle_t out = ZX_HANDLE_INVALID;
  zx_status_t s = zx_handle_duplicate(h, r, &out);
  if (s != ZX_OK) printf("setup: zx_handle_duplicate(0x%x) = %d\n", r, s);
  return out;
}

static __attribute__((unused)) zx_rights_t rights_of(zx_handle_t h) {
  zx_info_handle_basic_t info;
  memset(&info, 0, sizeof info);
  zx_status_t s = zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL);
  if (s != ZX_OK) return 0xdeadbeef;
  return info.rights;
}

static __attribute__((unused)) void* unmapped_page(void) {
  long ps = sysconf(_SC_PAGESIZE);
  void* p = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(p, (size_t)ps);
  return p;
}

// A handle value that was valid and is now closed.
static __attribute__((unused)) zx_handle_t closed_handle(void) {
  zx_handle_t e = make_event();
  zx_handle_close(e);
  return e;
}

#endif
