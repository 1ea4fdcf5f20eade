# Included by the host build: cross-compiles boards/ as an external project with Debian's
# arm-none-eabi toolchain and puts the images in <build>/firmware/ (stepper_node.elf,
# supervisor_mcu.elf), where `hilbench qemu` and the tests find them.
include(ExternalProject)
find_program(HIL_ARM_GXX arm-none-eabi-g++)
if(NOT HIL_ARM_GXX)
  message(FATAL_ERROR "arm-none-eabi-g++ not found: run tools/install-deps.sh, or configure with "
                      "-DHILBENCH_BUILD_FIRMWARE=OFF to build without the firmware images")
endif()
get_target_property(hil_json_include nlohmann_json::nlohmann_json INTERFACE_INCLUDE_DIRECTORIES)
ExternalProject_Add(firmware_images
  SOURCE_DIR ${CMAKE_CURRENT_LIST_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/boards
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${CMAKE_CURRENT_LIST_DIR}/toolchain-arm-none-eabi.cmake
             -DNLOHMANN_JSON_INCLUDE_DIR=${hil_json_include}
             -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
             -DHIL_FIRMWARE_OUTPUT_DIR=${CMAKE_BINARY_DIR}/firmware
  BUILD_ALWAYS ON
  INSTALL_COMMAND "")
