"""Build assets made from the sources (scripts/build runs this in the build's venv):
the app icon as PNG/ICO from resources/icons/kefu.svg (Qt draws the SVG), resources/ with the
translations compiled (.qm, PySide6's lrelease), and the Windows version resource."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def icons(out: Path) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "kefu.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    png = bytes(buffer.data().data())
    out.mkdir(parents=True, exist_ok=True)
    (out / "kefu.png").write_bytes(png)
    with Image.open(io.BytesIO(png)) as picture:
        sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
        picture.save(out / "kefu.ico", sizes=sizes)
        if sys.platform == "darwin":
            picture.save(out / "kefu.icns")


def resources(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "resources", out)
    import PySide6

    base = Path(PySide6.__file__).parent
    tool = next(
        (
            base / n
            for n in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease")
            if (base / n).exists()
        ),
        None,
    )
    if tool is None:
        raise SystemExit("PySide6's lrelease was not found: cannot compile the translations")
    for ts in sorted((out / "i18n").glob("*.ts")):
        subprocess.run(
            [str(tool), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
            stdout=subprocess.DEVNULL,  # this script's output is the version, read by the build
        )


def version_resource(out: Path, version: str) -> None:
    parts = [int(p) for p in version.split(".")[:3]] + [0]
    numbers = ", ".join(str(p) for p in [*parts, 0, 0, 0, 0][:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers})),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'kefu-assistant'),
      StringStruct('FileDescription', '客服快捷助手'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', '客服快捷助手'),
      StringStruct('ProductVersion', '{version}'),
      StringStruct('OriginalFilename', 'kefu.exe')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    (out / "version.txt").write_text(text, encoding="utf-8")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build"
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    icons(out / "icons")
    resources(out / "resources")
    version_resource(out, version)
    print(version)


if __name__ == "__main__":
    main()
