"""A table model over phrases from core; data() never touches storage."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from assistant.core.phrases.model import Phrase
from assistant.ui.widgets.rows_model import Index, RowsModel
from assistant.ui.widgets.thumbnails import Thumbnails

PHRASE_ROLE = Qt.ItemDataRole.UserRole + 1
# Roles as plain integers: each Qt enum member read is a Python property call, and data()
# runs once per cell at every paint (~70 cells at each keystroke in the quick panel).
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
PHRASE = int(PHRASE_ROLE)
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class PhraseTableModel(RowsModel[Phrase]):
    HEADERS = (
        QT_TRANSLATE_NOOP("PhraseTableModel", "★"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "标题"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "内容"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "分组"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "编码"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "使用次数"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "最近使用"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "图片"),
    )
    IMAGES = 7  # the column that counts a phrase's images

    def __init__(
        self, columns: tuple[int, ...] = (0, 1, 2, 3, 4), parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self.flagged: set[str] = set()  # phrases with a lint error: marked in the first column
        self._cells: dict[int, tuple[Any, ...]] = {}  # per row shown: its columns' texts
        # Where a phrase's first image is drawn, small: the marks column, or the images one.
        self._picture_column = self.IMAGES if self.IMAGES in self._columns else 0
        self.thumbnails: Thumbnails | None = None

    def show_thumbnails(self, thumbnails: Thumbnails) -> None:
        self.thumbnails = thumbnails
        thumbnails.ready.connect(self._thumbnail_ready)

    def _thumbnail_ready(self, sha256: str) -> None:
        column = self._columns.index(self._picture_column)
        for row, p in enumerate(self._rows):
            if p.images and p.images[0].sha256 == sha256:
                cell = self.index(row, column)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])

    def set_rows(self, rows: list[Phrase]) -> None:
        self._cells = {}
        super().set_rows(rows)

    def replace_rows(self, rows: list[Phrase]) -> None:
        self._cells = {}
        super().replace_rows(rows)

    def phrase(self, row: int) -> Phrase | None:
        return self.row_at(row)

    def add_flagged(self, ids: set[str]) -> None:
        """Mark more phrases as having a lint error; only their first cells are redrawn."""
        new = ids - self.flagged
        if not new:
            return
        self.flagged |= new
        for row, p in enumerate(self._rows):
            if p.id in new:
                cell = self.index(row, 0)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1) if section < 9 else ""  # the row Alt+N picks
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == DISPLAY:
            column = self._columns[index.column()]
            if column == 0:  # the marks: a lint error is found after the row is shown
                p = self._rows[row]
                return ("★" if p.favourite else "") + ("⚠" if p.id in self.flagged else "")
            cells = self._cells.get(row)
            if cells is None:  # each row's texts made once, not once per cell and paint
                p = self._rows[row]
                cells = self._cells[row] = (
                    "",
                    p.title,
                    p.first_line,
                    p.group,
                    p.code or "",
                    p.use_count,
                    (p.last_used_at or "")[:16].replace("T", " "),
                    self.tr("{0} 张").format(len(p.images)) if p.images else "",
                )
            return cells[column]
        if role == DECORATION:
            p = self._rows[row]
            thumbnails = self.thumbnails
            if not p.images or thumbnails is None:
                return None
            if self._columns[index.column()] != self._picture_column:
                return None
            return thumbnails.pixmap(p.images[0].sha256)
        if role == PHRASE:
            return self._rows[row]
        if role == ALIGNMENT and self._columns[index.column()] == 5:
            return RIGHT
        return None
