<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BuyerCard</name>
    <message>
        <location filename="../../assistant/ui/buyer_card.py" line="40"/>
        <source>未选择买家</source>
        <translation>No buyer selected</translation>
    </message>
</context>
<context>
    <name>BuyerEditor</name>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="54"/>
        <source>用逗号分隔</source>
        <translation>Comma-separated</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="55"/>
        <source>买家类型</source>
        <translation>Buyer types</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="61"/>
        <source>如 尺码=38，脚型=偏宽</source>
        <translation>e.g. 尺码=38, 脚型=偏宽</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="65"/>
        <source>新承诺，如 到货通知</source>
        <translation>New promise, e.g. restock notice</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="66"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="69"/>
        <source>添加承诺</source>
        <translation>Add promise</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="71"/>
        <source>标为已完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="76"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="78"/>
        <source>复制备注</source>
        <translation>Copy remark</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="93"/>
        <source>账号：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="94"/>
        <source>平台：</source>
        <translation>Platform:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="95"/>
        <source>备注名：</source>
        <translation>Nickname:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="96"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="97"/>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="98"/>
        <source>属性：</source>
        <translation>Attributes:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="99"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="100"/>
        <source>承诺：</source>
        <translation>Promises:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="117"/>
        <source>未分组</source>
        <translation>No group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="125"/>
        <source>（无子分组）</source>
        <translation>(no subgroup)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="162"/>
        <source>订单 {0} 笔，累计 {1:.2f} 元</source>
        <translation>{0} orders, {1:.2f} yuan in total</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="163"/>
        <source>，回头客</source>
        <translation>, repeat buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_editor.py" line="166"/>
        <source>新建买家</source>
        <translation>New buyer</translation>
    </message>
</context>
<context>
    <name>BuyerManager</name>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="56"/>
        <source>买家 — 客服快捷助手</source>
        <translation>Buyers — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="61"/>
        <source>搜索账号、备注名、备注、标签（支持拼音）</source>
        <translation>Search account, nickname, notes, tags (pinyin works)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="65"/>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="82"/>
        <source>新建买家</source>
        <translation>New buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="84"/>
        <source>导入订单报表…</source>
        <translation>Import order report…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="86"/>
        <source>不活跃买家…</source>
        <translation>Inactive buyers…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="122"/>
        <source>全部买家</source>
        <translation>All buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="122"/>
        <source>未分组</source>
        <translation>No group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="138"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="170"/>
        <source>共 {0} 位</source>
        <translation>{0} buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="193"/>
        <source>选择订单报表</source>
        <translation>Choose an order report</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="193"/>
        <source>订单报表 (*.csv *.xlsx *.txt)</source>
        <translation>Order reports (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="201"/>
        <location filename="../../assistant/ui/buyer_manager.py" line="205"/>
        <source>导入订单报表</source>
        <translation>Import order report</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="206"/>
        <source>将要进行以下修改：</source>
        <translation>These changes will be made:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="210"/>
        <source>确定导入吗？</source>
        <translation>Import now?</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="214"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="226"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="233"/>
        <location filename="../../assistant/ui/buyer_manager.py" line="239"/>
        <source>不活跃买家</source>
        <translation>Inactive buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="233"/>
        <source>没有 180 天内无订单、无联系的买家</source>
        <translation>No buyer without orders or contact in the last 180 days</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_manager.py" line="241"/>
        <source>{0} 位买家 180 天内没有订单和联系：
{1}

归档他们吗？（可随时恢复）</source>
        <translation>{0} buyers had no order and no contact in 180 days:
{1}

Archive them? (They can be restored at any time.)</translation>
    </message>
</context>
<context>
    <name>BuyerTableModel</name>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="23"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="24"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="25"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="26"/>
        <source>备注名</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="27"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="28"/>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="29"/>
        <source>累计金额</source>
        <translation>Total spent</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyer_model.py" line="30"/>
        <source>最近下单</source>
        <translation>Last order</translation>
    </message>
</context>
<context>
    <name>FillInDialog</name>
    <message>
        <location filename="../../assistant/ui/fill_in_dialog.py" line="13"/>
        <source>填写内容 — {0}</source>
        <translation>Fill in — {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/fill_in_dialog.py" line="25"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/fill_in_dialog.py" line="26"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>KefuApp</name>
    <message>
        <location filename="../../assistant/ui/app.py" line="33"/>
        <source>没有检测到系统托盘（例如 GNOME 未安装 AppIndicator 扩展，或部分 Wayland 桌面），因此改为显示这个小窗口。关闭窗口不会退出程序；要退出请点“退出”。</source>
        <translation>No system tray was found (e.g. GNOME without the AppIndicator extension, or some Wayland desktops), so this small window is shown instead. Closing it does not quit; use “Quit”.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/app.py" line="83"/>
        <location filename="../../assistant/ui/app.py" line="146"/>
        <location filename="../../assistant/ui/app.py" line="197"/>
        <location filename="../../assistant/ui/app.py" line="202"/>
        <location filename="../../assistant/ui/app.py" line="205"/>
        <source>客服快捷助手</source>
        <translation>Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/app.py" line="205"/>
        <source>语言将在重新启动后生效</source>
        <translation>The language changes after a restart</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="15"/>
        <source>客服快捷助手</source>
        <translation>Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="24"/>
        <source>快速查找</source>
        <translation>Quick find</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="25"/>
        <source>买家…</source>
        <translation>Buyers…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="26"/>
        <source>短语管理…</source>
        <translation>Phrases…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="27"/>
        <source>短语包与同步…</source>
        <translation>Packs and sync…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="28"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="29"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>PacksWindow</name>
    <message>
        <location filename="../../assistant/ui/packs_window.py" line="18"/>
        <source>短语包与同步 — 客服快捷助手</source>
        <translation>Packs and sync — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs_window.py" line="22"/>
        <source>团队共享（共享文件夹、WebDAV）和导入导出将在后续版本提供；现在可以用命令行 kefu list --pack 查看各短语包。</source>
        <translation>Team sharing (shared folder, WebDAV), import and export come in a later version; for now `kefu list --pack` lists each pack.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs_window.py" line="39"/>
        <source>{0}（{1} 条）</source>
        <translation>{0} ({1} phrases)</translation>
    </message>
</context>
<context>
    <name>PhraseEditor</name>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="57"/>
        <source>编辑短语</source>
        <translation>Edit phrase</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="57"/>
        <source>新建短语</source>
        <translation>New phrase</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="59"/>
        <source>留空则取内容第一行</source>
        <translation>Empty: the first line of the text</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="65"/>
        <source>如 cf1</source>
        <translation>e.g. cf1</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="67"/>
        <source>用逗号分隔</source>
        <translation>Comma-separated</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="77"/>
        <source>插入占位符</source>
        <translation>Insert placeholder</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="83"/>
        <source>填空 {?名称:默认值}</source>
        <translation>Fill-in {?name:default}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="89"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="90"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="91"/>
        <source>快捷编码：</source>
        <translation>Short code:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="92"/>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="93"/>
        <source>内容：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="95"/>
        <source>预览：</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="99"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_editor.py" line="100"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PhraseManager</name>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="50"/>
        <source>短语管理 — 客服快捷助手</source>
        <translation>Phrases — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="57"/>
        <source>搜索（中文、拼音、首字母、编码）</source>
        <translation>Search (Chinese, pinyin, initials, code)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="79"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="80"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="81"/>
        <source>复制一份</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="82"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="83"/>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="84"/>
        <source>收藏/取消收藏</source>
        <translation>Toggle favourite</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="85"/>
        <source>移动到分组…</source>
        <translation>Move to group…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="86"/>
        <source>剪贴板存为新短语</source>
        <translation>New phrase from clipboard</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="124"/>
        <source>全部短语（{0}）</source>
        <translation>All phrases ({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="163"/>
        <source>共 {0} 条</source>
        <translation>{0} phrases</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="189"/>
        <source>（副本）</source>
        <translation> (copy)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="220"/>
        <source>移动到分组</source>
        <translation>Move to group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_manager.py" line="220"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
</context>
<context>
    <name>PhraseTableModel</name>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="23"/>
        <source>★</source>
        <translation>★</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="24"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="25"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="26"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="27"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="28"/>
        <source>使用次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrase_model.py" line="29"/>
        <source>最近使用</source>
        <translation>Last used</translation>
    </message>
</context>
<context>
    <name>QuickPanel</name>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="63"/>
        <source>快速查找 — 客服快捷助手</source>
        <translation>Quick find — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="68"/>
        <source>输入中文、拼音、首字母或快捷编码…</source>
        <translation>Type Chinese, pinyin, initials or a short code…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="94"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="97"/>
        <source>买家账号或备注名…</source>
        <translation>Buyer account or nickname…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="106"/>
        <source>新建买家</source>
        <translation>New buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="116"/>
        <source>买家：</source>
        <translation>Buyer:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="244"/>
        <source>店铺信息「{0}」还没有设置，会留空（托盘菜单 → 设置…）</source>
        <translation>Shop setting “{0}” is not set and will be left empty (tray menu → Settings…)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="279"/>
        <source>已复制第 {0}/{1} 条，再按 Enter 复制第 {2} 条</source>
        <translation>Copied message {0}/{1}; press Enter again for message {2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick_panel.py" line="390"/>
        <source>Enter 复制 · Alt+1…9 选择 · Ctrl+F 收藏 · Ctrl+E 编辑 · Ctrl+B 买家 · Esc 关闭</source>
        <translation>Enter copy · Alt+1…9 pick · Ctrl+F favourite · Ctrl+E edit · Ctrl+B buyer · Esc close</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="36"/>
        <source>设置 — 客服快捷助手</source>
        <translation>Settings — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="42"/>
        <source>复制后自动粘贴到原来的窗口</source>
        <translation>Paste into the previous window after copying</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="57"/>
        <source>登录系统时自动启动</source>
        <translation>Start at login</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="61"/>
        <source>快速查找快捷键：</source>
        <translation>Quick find hotkey:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="65"/>
        <source>粘贴前等待：</source>
        <translation>Wait before pasting:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="68"/>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="70"/>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="87"/>
        <source>店铺信息（用于 {店铺}、{客服}、{活动}、{发货时间}）</source>
        <translation>Shop profile (for {店铺}, {客服}, {活动}, {发货时间})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="92"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="99"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="102"/>
        <source>每个数据文件保存时都会保留上一版本（.bak）。</source>
        <translation>Every data file keeps its previous version (.bak) when saved.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="108"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="109"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="38"/>
        <source>快速查找</source>
        <translation>Quick find</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="44"/>
        <source>收藏</source>
        <translation>Favourites</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="49"/>
        <source>（还没有收藏的短语）</source>
        <translation>(no favourite phrases yet)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="59"/>
        <source>更多…（用快速查找）</source>
        <translation>More… (use Quick find)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="63"/>
        <source>买家…</source>
        <translation>Buyers…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="64"/>
        <source>短语管理…</source>
        <translation>Phrases…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="65"/>
        <source>短语包与同步…</source>
        <translation>Packs and sync…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="66"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="70"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
</TS>
