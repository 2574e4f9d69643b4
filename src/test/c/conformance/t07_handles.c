// Handle duplicate/replace rights rules, close/close_many, zx_object_get_info.
#include "check.h"

static int valid(zx_handle_t h) {
  return zx_object_get_info(h, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL) == ZX_OK;
}

int main(void) {
  zx_handle_t ev = make_event();
  zx_handle_t closed = closed_handle();
  zx_handle_t out = 0x5555;

  // duplicate
  EXPECT_EQ(zx_handle_duplicate(closed, ZX_RIGHT_SAME_RIGHTS, &out), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_handle_duplicate(ZX_HANDLE_INVALID, ZX_RIGHT_SAME_RIGHTS, &out), ZX_ERR_BAD_HANDLE);
  zx_handle_t nodup = dup_rights(ev, ZX_RIGHT_WAIT | ZX_RIGHT_SIGNAL);
  EXPECT_EQ(zx_handle_duplicate(nodup, ZX_RIGHT_SAME_RIGHTS, &out), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_handle_duplicate(nodup, ZX_RIGHT_WAIT, &out), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_WRITE, &out), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_WAIT, &out), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_duplicate(ev, 0xD003 | ZX_RIGHT_SAME_RIGHTS, &out), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(out, 0x5555);
  EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_NONE, &out), ZX_OK);
  EXPECT_EQ(rights_of(out), 0);
  EXPECT_EQ(zx_handle_duplicate(out, ZX_RIGHT_NONE, &out), ZX_ERR_ACCESS_DENIED);
  zx_handle_t same;
  EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, &same), ZX_OK);
  EXPECT_EQ(rights_of(same), 0xD003);
  EXPECT_TRUE(same != ev);
  EXPECT_EQ(same & 3, 3);
  EXPECT_TRUE(valid(ev));
  EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, (zx_handle_t*)unmapped_page()), ZX_ERR_INVALID_ARGS);
  // Koid same across dup.
  zx_info_handle_basic_t a, b;
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, &a, sizeof a, NULL, NULL), ZX_OK);
  EXPECT_EQ(zx_object_get_info(same, ZX_INFO_HANDLE_BASIC, &b, sizeof b, NULL, NULL), ZX_OK);
  EXPECT_EQ(a.koid, b.koid);

  // replace
  zx_handle_t r1 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  zx_handle_t r2;
  EXPECT_EQ(zx_handle_replace(closed, ZX_RIGHT_SAME_RIGHTS, &r2), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_handle_replace(r1, ZX_RIGHT_WRITE, &r2), ZX_ERR_INVALID_ARGS);
  EXPECT_TRUE(!valid(r1));  // closed on subset failure
  zx_handle_t r3 = dup_rights(ev, ZX_RIGHT_WAIT);  // no DUPLICATE right: replace still works
  EXPECT_EQ(zx_handle_replace(r3, ZX_RIGHT_SAME_RIGHTS, &r2), ZX_OK);
  EXPECT_TRUE(!valid(r3));
  EXPECT_EQ(rights_of(r2), ZX_RIGHT_WAIT);
  EXPECT_EQ(zx_handle_replace(r2, ZX_RIGHT_NONE, &r3), ZX_OK);
  EXPECT_EQ(rights_of(r3), 0);
  EXPECT_EQ(zx_handle_replace(r3, ZX_RIGHT_SAME_RIGHTS | 0, &r2), ZX_OK);
  // replace with SAME_RIGHTS|bits -> INVALID_ARGS and closes
  zx_handle_t r4 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_handle_replace(r4, ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_WAIT, &r2), ZX_ERR_INVALID_ARGS);
  EXPECT_TRUE(!valid(r4));
  // A bad out pointer gives INVALID_ARGS.
  zx_handle_t r5 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_handle_replace(r5, ZX_RIGHT_SAME_RIGHTS, NULL), ZX_ERR_INVALID_ARGS);

  // A wait registered through the replaced handle is canceled when that handle closes.
  zx_handle_t port = make_port(0);
  zx_handle_t r6 = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  EXPECT_EQ(zx_object_wait_async(r6, port, 66, ZX_USER_SIGNAL_0, 0), ZX_OK);
  zx_handle_t r7;
  EXPECT_EQ(zx_handle_replace(r6, ZX_RIGHT_SAME_RIGHTS, &r7), ZX_OK);

  // close
  EXPECT_EQ(zx_handle_close(ZX_HANDLE_INVALID), ZX_OK);
  EXPECT_EQ(zx_handle_close(closed), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_handle_close(closed & ~3u), ZX_ERR_BAD_HANDLE);
  zx_handle_t c1 = dup_rights(ev, 0);
  EXPECT_EQ(zx_handle_close(c1), ZX_OK);  // no right needed to close
  EXPECT_EQ(zx_handle_close(c1), ZX_ERR_BAD_HANDLE);

  // close_many
  zx_handle_t m[5];
  m[0] = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  m[1] = ZX_HANDLE_INVALID;
  m[2] = closed;
  m[3] = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  m[4] = ZX_HANDLE_INVALID;
  EXPECT_EQ(zx_handle_close_many(m, 5), ZX_ERR_BAD_HANDLE);
  EXPECT_TRUE(!valid(m[0]));
  EXPECT_TRUE(!valid(m[3]));
  zx_handle_t inv[3] = {0, 0, 0};
  EXPECT_EQ(zx_handle_close_many(inv, 3), ZX_OK);
  EXPECT_EQ(zx_handle_close_many(NULL, 0), ZX_OK);
  EXPECT_EQ(zx_handle_close_many(NULL, 2), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_close_many(unmapped_page(), 1), ZX_ERR_INVALID_ARGS);
  // Unreadable array: nothing closed. Array straddling into an unmapped page.
  long ps = sysconf(_SC_PAGESIZE);
  unsigned char* two = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + ps, ps);
  zx_handle_t* arr = (zx_handle_t*)(two + ps - 4);
  zx_handle_t victim = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  arr[0] = victim;
  EXPECT_EQ(zx_handle_close_many(arr, 2), ZX_ERR_INVALID_ARGS);
  EXPECT_TRUE(valid(victim));
  // Same handle twice in the array: second entry is bad.
  zx_handle_t twice = dup_rights(ev, ZX_RIGHT_SAME_RIGHTS);
  zx_handle_t tw[2] = {twice, twice};
  EXPECT_EQ(zx_handle_close_many(tw, 2), ZX_ERR_BAD_HANDLE);
  EXPECT_TRUE(!valid(twice));
  // Huge count with NULL -> INVALID_ARGS, no crash.
  EXPECT_EQ(zx_handle_close_many(NULL, (size_t)-1), ZX_ERR_INVALID_ARGS);
  zx_handle_t one[1] = {dup_rights(ev, ZX_RIGHT_SAME_RIGHTS)};
  EXPECT_EQ(zx_handle_close_many(one, (size_t)1 << 62), ZX_ERR_INVALID_ARGS);
  EXPECT_TRUE(valid(one[0]));

  // Handle value not reused immediately.
  zx_handle_t h1 = make_event();
  zx_handle_close(h1);
  zx_handle_t h2 = make_event();
  EXPECT_TRUE(h1 != h2);

  // get_info
  size_t actual = 99, avail = 99;
  zx_info_handle_basic_t info;
  EXPECT_EQ(zx_object_get_info(closed, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_object_get_info(ZX_HANDLE_INVALID, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL), ZX_OK);
  zx_handle_t none = dup_rights(ev, 0);
  EXPECT_EQ(zx_object_get_info(none, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL), ZX_OK);
  memset(&info, 0xcc, sizeof info);
  EXPECT_EQ(zx_object_get_info(none, ZX_INFO_HANDLE_BASIC, &info, sizeof info, &actual, &avail), ZX_OK);
  EXPECT_EQ(actual, 1);
  EXPECT_EQ(avail, 1);
  EXPECT_EQ(info.rights, 0);
  EXPECT_EQ(info.type, ZX_OBJ_TYPE_EVENT);
  EXPECT_EQ(info.related_koid, 0);
  EXPECT_EQ(info.reserved, 0);
  EXPECT_EQ(info.padding1[0] | info.padding1[1] | info.padding1[2] | info.padding1[3], 0);
  actual = 99;
  avail = 99;
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, &info, sizeof info - 1, &actual, &avail), ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(actual, 0);
  EXPECT_EQ(avail, 1);
  actual = 99;
  avail = 99;
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, NULL, 0, &actual, &avail), ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(actual, 0);
  EXPECT_EQ(avail, 1);
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, NULL, 0, NULL, NULL), ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(zx_object_get_info(closed, ZX_INFO_HANDLE_BASIC, &info, sizeof info, NULL, NULL), ZX_ERR_BAD_HANDLE);
  // Bigger buffer fine.
  unsigned char big[64];
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, big, sizeof big, &actual, NULL), ZX_OK);
  EXPECT_EQ(actual, 1);
  // Bad pointers.
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, NULL, 32, NULL, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, unmapped_page(), 32, NULL, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC, &info, sizeof info, (size_t*)unmapped_page(), NULL), ZX_ERR_INVALID_ARGS);
  // Unknown topic.
  EXPECT_EQ(zx_object_get_info(ev, 12345, &info, sizeof info, NULL, NULL), ZX_ERR_NOT_SUPPORTED);
  // Koids unique and >= 1024.
  zx_handle_t p = make_port(0), i = make_irq();
  zx_info_handle_basic_t ip, ii;
  zx_object_get_info(p, ZX_INFO_HANDLE_BASIC, &ip, sizeof ip, NULL, NULL);
  zx_object_get_info(i, ZX_INFO_HANDLE_BASIC, &ii, sizeof ii, NULL, NULL);
  EXPECT_TRUE(ip.koid != ii.koid);
  EXPECT_TRUE(ip.koid != a.koid);
  EXPECT_TRUE(ii.koid != a.koid);
  EXPECT_TRUE(ip.koid >= ZX_KOID_FIRST);

  return finish("t07_handles");
}
