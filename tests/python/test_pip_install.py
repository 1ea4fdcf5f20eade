# What a user of the package does: `pip install --no-build-isolation .` into a fresh virtual
# environment (Debian's setuptools, pybind11, CMake and Ninja; nothing downloaded), then pytest in a
# folder with no conftest.py, where the installed plugin gives the `bench` fixture and collects a
# scenario file, and mypy --strict on a script that uses the installed package's types.
# Under `make test` the module comes from make's own build tree (HILBENCH_CMAKE_BUILD_DIR), already
# built; run alone, it builds the _hilbench target (about 140 files) unless ccache has them.

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 3600  # bounds a hang; a cold build on two busy cores takes about 15 minutes
RUN_TIMEOUT_S = 300

USER_TEST = '''
import hilbench


def test_the_installed_package_and_its_bench_fixture(bench):
    assert "site-packages" in hilbench.__file__, hilbench.__file__
    bench.add_stepper("node", {"node_id": "24a1601b2c3d"})
    bench.advance(2000)
    bench.send("node", serial="GET SPEED")
    assert bench.expect("node", serial=r"SPEED=(\\d+)").groups[1] == "4000"
'''

USER_SCENARIO = '''
name: installed
devices:
  - {name: node, kind: stepper, node_id: 24a1601b2c3d}
steps:
  - advance: 2000
  - send: {serial: "GET SPEED"}
  - expect: {serial: 'SPEED=4000', timeout_ms: 1}
'''

USER_TYPED_SCRIPT = '''
import hilbench


def speed() -> int:
    bench = hilbench.Bench()
    bench.add_stepper("node")
    bench.advance(2000)
    bench.send("node", serial="GET SPEED")
    group = bench.expect("node", serial=r"SPEED=(\\d+)").groups[1]
    return int(group or 0)


def refused(error: hilbench.HilbenchError) -> str:
    return str(error)
'''


def checkout_copy(destination):
    """The files a commit of the checkout would hold (tracked, or new and not ignored): no build
    folders, caches or virtual environments."""
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("needs a git checkout to know its files")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():  # a deleted file is still listed until the deletion is staged
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def user_environment(source):
    """The caller's environment without this checkout on PYTHONPATH; the module built in make's tree
    when there is one, else ccache, when there is one, rewriting the copy's paths so that later runs
    find its objects."""
    # HILBENCH_SHARD too: the user's run below is not one of this suite's shards.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HILBENCH_BUILD_DIR", "HILBENCH_SHARD")}
    if os.environ.get("HILBENCH_BUILD_DIR"):
        env["HILBENCH_CMAKE_BUILD_DIR"] = os.environ["HILBENCH_BUILD_DIR"]
    if shutil.which("ccache"):
        env.update(CMAKE_CXX_COMPILER_LAUNCHER="ccache", CCACHE_BASEDIR=str(source), CCACHE_NOHASHDIR="true")
    return env


def run(argv, cwd, env, timeout):
    result = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{argv} exited {result.returncode}\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the venv's python, the environment to run it in), hilbench installed from a copy of the tree."""
    work = tmp_path_factory.mktemp("pip_install")
    source = checkout_copy(work / "hilbench")
    env = user_environment(source)
    # Debian's pytest, paho-mqtt, wheel and pybind11 come from the system: nothing is downloaded.
    run([sys.executable, "-m", "venv", "--system-site-packages", work / "venv"], work, env, RUN_TIMEOUT_S)
    python = work / "venv" / "bin" / "python"
    run([python, "-m", "pip", "install", "--no-build-isolation", "."], source, env, BUILD_TIMEOUT_S)
    return python, env


def test_pytest_finds_the_fixture_and_the_scenarios_with_no_conftest(installed, tmp_path):
    python, env = installed
    (tmp_path / "test_user.py").write_text(USER_TEST, encoding="utf-8")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "installed.yaml").write_text(USER_SCENARIO, encoding="utf-8")
    assert not list(tmp_path.rglob("conftest.py"))
    out = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], tmp_path, env, RUN_TIMEOUT_S)
    assert "2 passed" in out, out


def test_a_conftest_that_still_names_the_plugin_does_not_load_it_twice(installed, tmp_path):
    python, env = installed
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["hilbench.pytest_plugin"]\n', encoding="utf-8")
    (tmp_path / "test_user.py").write_text(USER_TEST, encoding="utf-8")
    out = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], tmp_path, env, RUN_TIMEOUT_S)
    assert "1 passed" in out, out


def test_mypy_reads_the_installed_types(installed, tmp_path):
    python, env = installed
    script = tmp_path / "user_script.py"
    script.write_text(USER_TYPED_SCRIPT, encoding="utf-8")
    out = run([python, "-m", "mypy", "--strict", "--cache-dir", tmp_path / "mypy-cache", script], tmp_path, env,
              RUN_TIMEOUT_S)
    assert "Success" in out, out
