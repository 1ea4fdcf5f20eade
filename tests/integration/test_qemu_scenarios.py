# The same scenario files that run in process, run against the firmware images under QEMU: the
# target file names the image, `hilbench run --target` starts qemu-system-arm (through `hilbench
# qemu`), runs the scenario on the wall clock over the emulated UART and shuts QEMU down.

import shutil
import subprocess

import pytest

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]

# (scenario, image, the scenario's device)
ON_BOARDS = [
    ("stepper_console.yaml", "stepper_node.elf", "node"),
    ("supervisor_requests.yaml", "supervisor_mcu.elf", "mcu"),
]


@pytest.fixture
def image(build_dir):
    def find(name):
        path = build_dir / "firmware" / name
        if shutil.which("qemu-system-arm") is None:
            pytest.skip("qemu-system-arm is not installed (tools/install-deps.sh installs it)")
        if not path.is_file():
            pytest.skip(f"{path.name} was not built (configured with -DHILBENCH_BUILD_FIRMWARE=OFF?)")
        return path
    return find


@pytest.mark.parametrize("scenario,image_name,device", ON_BOARDS)
def test_scenario_passes_against_the_image_under_qemu(hilbench_bin, image, tmp_path, scenario, image_name,
                                                      device):
    target = tmp_path / "target.yaml"
    target.write_text(f"devices:\n  {device}: {{qemu: {{image: {image(image_name)}, board: mps2-an385}}}}\n")
    trace = tmp_path / "trace.jsonl"
    result = subprocess.run([str(hilbench_bin), "run", str(REPO / "scenarios" / scenario), "--target", str(target),
                             "--record", str(trace)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"clock":"real"' in trace.read_text().splitlines()[0]
