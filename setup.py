"""Build hook: a wheel carries a copy of datasets/ inside the package (data/files).

In a checkout the loader reads datasets/ itself (see beyond_borders.data.paths.data_dir), so the
course keeps one copy of its data and no symbolic link, which Windows checkouts cannot follow.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SUFFIXES = {".csv", ".json", ".geojson"}


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "beyond_borders" / "data" / "files"
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((HERE / "datasets").iterdir()):
            if path.suffix in SUFFIXES:
                shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildWithData})
