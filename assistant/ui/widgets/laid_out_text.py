"""A table delegate that draws each cell's text as plain text from a layout kept between
paints.

Laying out Chinese text (shaping, fallback fonts, eliding) was most of the quick panel's
paint at every keystroke: ~20 rows of five columns laid out again each time, while the next
keystroke mostly shows the same texts. Here a cell's text, elided to its width, becomes a
QStaticText once and is drawn from it until it falls out of a small cache. The text is always
plain (``Qt.PlainText``): a phrase with markup in it is drawn as typed.

It draws what the panel's table needs and no more: the selection (as the style draws it),
a DecorationRole pixmap (a phrase's image, scaled to the row's height) and DisplayRole left
aligned and centred vertically (no icons, check boxes or other roles).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPixmap, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

KEPT = 1024  # laid-out cell texts (a few hundred bytes each)
# Tested as plain integers: an operator on Qt's enum flags runs Python's enum machinery,
# ~10 % of this paint.
SELECTED = QStyle.StateFlag.State_Selected.value
ACTIVE = QStyle.StateFlag.State_Active.value
ACTIVE_GROUP, INACTIVE_GROUP = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
TEXT = QPalette.ColorRole.Text
PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
DECORATION = int(Qt.ItemDataRole.DecorationRole.value)


class LaidOutTextDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, picture_column: int | None = None) -> None:
        """``picture_column``: the one column whose cells may hold a picture (asked of the
        model only there: one call less per cell at every paint)."""
        super().__init__(parent)
        self._picture_column = picture_column
        self._laid: OrderedDict[tuple[str, int], QStaticText] = OrderedDict()
        self._font = QFont()
        self._metrics = QFontMetrics(self._font)
        self._margin = 0

    def laid_out(self) -> list[QStaticText]:
        """The texts kept (for tests: each is plain text)."""
        return list(self._laid.values())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state: int = option.state.value
        palette: QPalette = option.palette
        rect = option.rect
        group = ACTIVE_GROUP if state & ACTIVE else INACTIVE_GROUP
        selected = state & SELECTED
        widget = option.widget
        if selected and widget is not None:  # the selection, as the style draws it
            widget.style().drawPrimitive(PANEL, option, painter, widget)
        self._follow_font(option.font, widget)
        left = rect.x() + self._margin
        if self._picture_column is not None and index.column() == self._picture_column:
            picture = index.data(DECORATION)
            if isinstance(picture, QPixmap) and not picture.isNull():
                left += self._draw_picture(painter, picture, left, rect.y(), rect.height())
        value = index.data(Qt.ItemDataRole.DisplayRole)
        text = "" if value is None else str(value)
        if not text:
            return
        width = rect.right() + 1 - self._margin - left
        if width <= 0:
            return
        laid = self._text(text, width)
        role = HIGHLIGHTED_TEXT if selected else TEXT
        painter.setPen(palette.color(group, role))
        top = rect.y() + (rect.height() - self._metrics.height()) / 2
        painter.drawStaticText(QPointF(left, top), laid)

    def _draw_picture(
        self, painter: QPainter, picture: QPixmap, left: int, top: int, height: int
    ) -> int:
        """A thumbnail fitted into the row's height; the width it took, with a gap."""
        side = max(1, height - 2)
        size = picture.size().scaled(side * 2, side, Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawPixmap(
            QRect(left, top + (height - size.height()) // 2, size.width(), size.height()), picture
        )
        return size.width() + self._margin

    def _follow_font(self, font: QFont, widget: QWidget | None) -> None:
        if font == self._font and self._margin:
            return
        self._font = QFont(font)
        self._metrics = QFontMetrics(self._font)
        style = widget.style() if widget is not None else None
        # The stock delegate's text margin (QCommonStyle: the focus frame's margin + 1).
        frame = (
            style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) if style else 2
        )
        self._margin = frame + 1
        self._laid.clear()

    def _text(self, text: str, width: int) -> QStaticText:
        key = (text, width)
        laid = self._laid.get(key)
        if laid is not None:
            self._laid.move_to_end(key)
            return laid
        shown = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        laid = QStaticText(shown)
        laid.setTextFormat(Qt.TextFormat.PlainText)
        laid.prepare(font=self._font)
        self._laid[key] = laid
        if len(self._laid) > KEPT:
            self._laid.popitem(last=False)
        return laid
