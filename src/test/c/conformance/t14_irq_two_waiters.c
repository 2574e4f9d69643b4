// A second thread calling zx_interrupt_wait while another already waits gets BAD_STATE at
// once, because the interrupt is in its waiting state. A trigger then wakes the first waiter.
#include <pthread.h>
#include "check.h"

static zx_handle_t g_irq;
static volatile zx_status_t g_status[2] = {1, 1};

static void* waiter(void* arg) {
  int i = (int)(intptr_t)arg;
  g_status[i] = zx_interrupt_wait(g_irq, NULL);
  return NULL;
}

int main(void) {
  g_irq = make_irq();
  pthread_t t[2];
  pthread_create(&t[0], NULL, waiter, (void*)0);
  usleep(1500000);
  pthread_create(&t[1], NULL, waiter, (void*)1);
  usleep(1500000);
  EXPECT_EQ(g_status[0], 1);                 // still blocked
  EXPECT_EQ(g_status[1], ZX_ERR_BAD_STATE);  // returned at once
  EXPECT_EQ(zx_interrupt_trigger(g_irq, 0, 1), ZX_OK);
  usleep(1500000);
  EXPECT_EQ(g_status[0], ZX_OK);
  // Unblock anything still waiting so the program ends.
  zx_interrupt_destroy(g_irq);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  printf("final statuses: first=%d second=%d\n", g_status[0], g_status[1]);
  return finish("t14_irq_two_waiters");
}
