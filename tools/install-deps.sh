#!/usr/bin/env bash
# Installs the Debian packages hilbench builds and tests with, only those that are missing.
# `install-deps.sh fuzz` adds what `make fuzz` needs: clang, libFuzzer and llvm-symbolizer.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config clang-format clang-tidy
  libboost-dev libboost-system-dev libboost-program-options-dev libssl-dev
  libmosquitto-dev mosquitto mosquitto-clients nats-server
  nlohmann-json3-dev libyaml-cpp-dev libkissfft-dev portaudio19-dev
  libsndfile1-dev libsamplerate0-dev espeak-ng
  libsystemd-dev dbus-daemon python3-dbusmock
  libgtest-dev libgmock-dev libbenchmark-dev
  pybind11-dev python3-dev python3-pybind11
  python3-pytest python3-pytest-xdist python3-paho-mqtt python3-serial python3-websockets python3-yaml
  python3-mypy python3-venv python3-pip python3-setuptools python3-wheel
  chromium fonts-dejavu-core python3-pil
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
)
if [ "${1:-}" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev llvm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
