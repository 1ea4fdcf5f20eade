# The repository's pytest root: hilbench's plugin (fixtures, and scenarios/*.yaml as test items).
pytest_plugins = ["hilbench.pytest_plugin"]
