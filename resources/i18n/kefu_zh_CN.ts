<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  Qt's own strings that the qtbase_zh_CN translation shipped with PySide6 lacks: Qt 6 gave the
  file dialog's labels mnemonics ("&Look in:"), and that translation still has only the old
  texts, so the Chinese UI showed them in English. Written by hand for this project (not made
  by lupdate: these strings are in Qt, not in our sources); installed after qtbase's, which it
  therefore overrides.
-->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
