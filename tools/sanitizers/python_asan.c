/* The Python interpreter of `make test SAN=1`: CPython's own main, linked with the ASan runtime, so
 * the sanitized extension module can be imported (the runtime must be loaded first) without
 * LD_PRELOAD, which every child process (Chromium, coreutils, mosquitto) would inherit. */
#include <Python.h>

int main(int argc, char** argv) { return Py_BytesMain(argc, argv); }
