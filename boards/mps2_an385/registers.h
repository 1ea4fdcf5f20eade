// The AN385 peripherals the board package drives (ARM's AN385 application note and the Cortex-M3
// system control space), as QEMU's mps2-an385 models them.
#pragma once

#include <cstdint>

namespace hil::board {

// One CMSDK APB UART.
struct UartRegisters {
  volatile std::uint32_t data;
  volatile std::uint32_t state;      // bit 0: TX full, bit 1: RX full
  volatile std::uint32_t ctrl;       // bit 0: TX on, bit 1: RX on, bit 3: RX interrupt
  volatile std::uint32_t intstatus;  // write 1s to clear
  volatile std::uint32_t bauddiv;
};

inline UartRegisters& uart0() { return *reinterpret_cast<UartRegisters*>(0x40004000U); }
inline UartRegisters& uart1() { return *reinterpret_cast<UartRegisters*>(0x40005000U); }

constexpr std::uint32_t kUartTxFull = 1U << 0;
constexpr std::uint32_t kUartRxFull = 1U << 1;
constexpr std::uint32_t kUartTxEnable = 1U << 0;
constexpr std::uint32_t kUartRxEnable = 1U << 1;
constexpr std::uint32_t kUartRxInterrupt = 1U << 3;

// The board's system clock, which SysTick counts.
constexpr std::uint32_t kSystemClockHz = 25'000'000;
// 115200 baud: QEMU ignores the rate, but its UART will not send with a divider under 16.
constexpr std::uint32_t kUartBaudDivider = kSystemClockHz / 115200;

// Interrupt numbers (the AN385's NVIC lines).
constexpr int kUart0RxIrq = 0;

// A CMSDK APB timer: counts down at the system clock from RELOAD.
struct TimerRegisters {
  volatile std::uint32_t ctrl;  // bit 0: on, bit 3: interrupt
  volatile std::uint32_t value;
  volatile std::uint32_t reload;
  volatile std::uint32_t intstatus;
};

inline TimerRegisters& timer0() { return *reinterpret_cast<TimerRegisters*>(0x40000000U); }

struct SysTickRegisters {
  volatile std::uint32_t csr;  // bit 0: on, bit 1: interrupt, bit 2: processor clock
  volatile std::uint32_t rvr;
  volatile std::uint32_t cvr;
};

inline SysTickRegisters& systick() { return *reinterpret_cast<SysTickRegisters*>(0xE000E010U); }

// NVIC interrupt set-enable register for lines 0..31.
inline volatile std::uint32_t& nvic_iser0() {
  return *reinterpret_cast<volatile std::uint32_t*>(0xE000E100U);
}

}  // namespace hil::board
