# The HTML report as a person sees it: `hilbench run --html` on a cooling room and on eight motors
# homing, rendered by headless Chromium, and the screenshot's pixels read back with Pillow.

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]

WINDOW = (1000, 1800)  # wide enough for a chart, tall enough for the four charts of the report
CHROMIUM_DEADLINE_S = 120  # bounds a hang; a screenshot takes a few seconds
RUN_DEADLINE_S = 60
# From bench/scenario/line_chart.cpp: the plot area's fill, its grid and the series' colours.
PLOT_FILL = (252, 252, 253)
GRID = (227, 227, 227)
SERIES = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40),
          (148, 103, 189), (140, 86, 75), (227, 119, 194), (127, 127, 127)]
TOLERANCE = 6  # per channel: the colours come out exact, this only forgives a colour profile


def take_screenshot(page, png, profile):
    """Renders `page` in headless Chromium into `png`; its own profile folder, a deadline, no sandbox as root."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: tools/install-deps.sh installs Debian's package"
    argv = [chromium, "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={png}", page.as_uri()]
    if os.geteuid() == 0:
        argv.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to start as root
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=CHROMIUM_DEADLINE_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the browser we started and the helpers it started in its session
        proc.communicate()
        raise AssertionError(f"chromium took longer than {CHROMIUM_DEADLINE_S} s")
    assert proc.returncode == 0 and png.exists(), err.decode(errors="replace")[-2000:]


@pytest.fixture(scope="module")
def screenshot(hilbench_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    report = folder / "report.html"
    subprocess.run([str(hilbench_bin), "run", str(REPO / "scenarios" / "climate_cool.yaml"),
                    str(REPO / "scenarios" / "stepper_home.yaml"), "--html", str(report)],
                   check=True, capture_output=True, timeout=RUN_DEADLINE_S)
    png = folder / "report.png"
    take_screenshot(report, png, folder / "chromium-profile")
    return Image.open(png).convert("RGB")


def near(pixel, colour):
    return all(abs(a - b) <= TOLERANCE for a, b in zip(pixel, colour))


def plot_areas(image):
    """The plot areas top to bottom as (left, top, right, bottom): bands of rows that are mostly the plot's fill."""
    width, height = image.size
    pixels = image.load()
    rows = [y for y in range(height) if sum(pixels[x, y] == PLOT_FILL for x in range(0, width, 4)) > width // 16]
    bands = []
    for y in rows:
        if bands and y - bands[-1][1] <= 4:  # a grid line or a curve crossing the whole plot
            bands[-1][1] = y
        else:
            bands.append([y, y])
    areas = []
    for top, bottom in bands:
        # Sides from a few rows, so that a curve along one of them does not narrow the area.
        xs = [x for y in range(top + 2, bottom - 1, max(1, (bottom - top) // 8)) for x in range(width)
              if pixels[x, y] == PLOT_FILL]
        areas.append((min(xs), top, max(xs), bottom))
    return areas


def pixels_of(image, area, colour):
    """The (x, y) inside `area` whose colour is `colour`."""
    left, top, right, bottom = area
    pixels = image.load()
    return [(x, y) for y in range(top, bottom + 1) for x in range(left, right + 1) if near(pixels[x, y], colour)]


def test_the_picture_is_the_window_with_four_charts_drawn_on(screenshot):
    assert screenshot.size == WINDOW
    areas = plot_areas(screenshot)
    assert len(areas) == 4, areas  # the room's temperatures; the motors' positions, budgets, driver temperatures
    for area in areas:
        assert area[3] - area[1] > 150 and area[2] - area[0] > 600, area
        drawn = sum(len(pixels_of(screenshot, area, colour)) for colour in SERIES)
        assert drawn > 500, f"{area} is nearly blank"


def test_a_room_cooling_from_27_c_fills_its_plot_instead_of_lying_on_its_top_edge(screenshot):
    # Regression: the axis ran from 0 to 30 C and the room's curve was flat against the top.
    left, top, right, bottom = area = plot_areas(screenshot)[0]
    room = pixels_of(screenshot, area, SERIES[0])
    assert room, "no curve of the room"
    height = bottom - top
    ys = [y for _, y in room]
    assert min(ys) > top + 0.03 * height, "the curve touches the top of the frame"
    assert max(ys) < bottom - 0.03 * height, "the curve touches the bottom of the frame"
    assert max(ys) - min(ys) > 0.5 * height, "the curve is squeezed into a thin band"
    assert any(top + height / 3 < y < bottom - height / 3 for y in ys), "nothing in the plot's middle third"


def test_eight_motors_homing_together_each_show_their_colour(screenshot):
    left, top, right, bottom = plot_areas(screenshot)[1]  # positions; all eight home together near the end
    last_quarter = (right - (right - left) // 4, top, right, bottom)
    counts = [len(pixels_of(screenshot, last_quarter, colour)) for colour in SERIES]
    assert all(count >= 15 for count in counts), counts  # 29 or more drawn, 0 for five without markers


def test_the_time_axis_has_ticks_and_every_curve_reaches_the_end_of_the_run(screenshot):
    pixels = screenshot.load()
    for left, top, right, bottom in plot_areas(screenshot):
        grid_columns = [x for x in range(left + 1, right)
                        if sum(near(pixels[x, y], GRID) for y in range(top, bottom)) > (bottom - top) // 2]
        assert len(grid_columns) >= 4, f"time ticks' grid lines at {grid_columns}"
        right_edge = (right - 3, top, right, bottom)
        assert any(pixels_of(screenshot, right_edge, colour) for colour in SERIES), \
            f"no curve reaches the right edge of {(left, top, right, bottom)}"
