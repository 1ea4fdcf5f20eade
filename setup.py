"""The compiled half of the Python package: CMake builds the _hilbench target, setuptools ships it.

Everything else (metadata, the pure Python files) is in pyproject.toml. HILBENCH_CMAKE_ARGS adds
arguments to CMake's configure step, for example "-DCMAKE_BUILD_TYPE=RelWithDebInfo".
HILBENCH_CMAKE_BUILD_DIR names a build tree that `make build` already configured (for this same
Python): the module is built there, and nothing is configured anew.
"""

import os
import shlex
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE_DIR = Path(__file__).resolve().parent


class CMakeTarget(Extension):
    """An extension module that a CMake target of this project builds."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, sources=[])
        self.target = target


class BuildWithCMake(build_ext):
    """Configures the project in the build's temporary folder and builds only the module's target."""

    def build_extension(self, ext: Extension) -> None:
        assert isinstance(ext, CMakeTarget)
        existing = os.environ.get("HILBENCH_CMAKE_BUILD_DIR")
        cmake_dir = Path(existing).resolve() if existing else Path(self.build_temp).resolve() / "cmake"
        if not existing:
            subprocess.run(["cmake", "-S", str(SOURCE_DIR), "-B", str(cmake_dir), *configure_args()], check=True)
        jobs = str(self.parallel or os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(cmake_dir), "--target", ext.target, "-j", jobs], check=True)
        built = cmake_dir / "python" / "hilbench" / Path(self.get_ext_filename(ext.name)).name
        destination = Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(built), str(destination))


def configure_args() -> list[str]:
    """This interpreter, pybind11's CMake files from its Python package, no tests or benchmarks."""
    args = ["-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", f"-DPython_EXECUTABLE={sys.executable}",
            "-DHILBENCH_BUILD_TESTS=OFF", "-DHILBENCH_BUILD_BENCHMARKS=OFF"]
    try:
        import pybind11
    except ImportError:  # CMake then looks for pybind11's own installation (Debian's pybind11-dev)
        pass
    else:
        args.append(f"-Dpybind11_DIR={pybind11.get_cmake_dir()}")
    return args + shlex.split(os.environ.get("HILBENCH_CMAKE_ARGS", ""))


setup(
    ext_modules=[CMakeTarget("hilbench._hilbench", target="_hilbench")],
    cmdclass={"build_ext": BuildWithCMake},
    # Not build/: that is the CMake build of `make build`.
    options={"build": {"build_base": "build/python-wheel"}},
)
