/* A tiny mps2-an385 image for the QEMU tests: prints "READY test" on CMSDK UART0 and a diagnostic
   line on UART1, then echoes what UART0 receives. */
#include <stdint.h>

/* CMSDK APB UARTs (AN385 application note): DATA, STATE, CTRL and BAUDDIV registers. */
#define UART0 0x40004000u
#define UART1 0x40005000u
#define REG(uart, offset) (*(volatile uint32_t*)((uart) + (offset)))
#define DATA 0x0u
#define STATE 0x4u
#define CTRL 0x8u
#define BAUDDIV 0x10u
#define STATE_TX_FULL 1u
#define STATE_RX_READY 2u
#define CTRL_TX_RX_ENABLE 3u

extern uint32_t stack_top; /* from echo.ld */
void reset(void);

/* The Cortex-M3 vector table's first two entries: the initial stack and the reset handler. */
__attribute__((section(".vectors"), used)) const void* const vectors[2] = {&stack_top, reset};

static void put(uint32_t uart, char c) {
  while (REG(uart, STATE) & STATE_TX_FULL) {
  }
  REG(uart, DATA) = (uint8_t)c;
}

static void print(uint32_t uart, const char* text) {
  REG(uart, BAUDDIV) = 16;
  REG(uart, CTRL) = CTRL_TX_RX_ENABLE;
  for (; *text != '\0'; ++text) put(uart, *text);
}

void reset(void) {
  print(UART0, "READY test\r\n");
  print(UART1, "heap_peak_bytes=0\r\n");
  for (;;) {
    if (REG(UART0, STATE) & STATE_RX_READY) put(UART0, (char)REG(UART0, DATA));
  }
}
