<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../assistant/ui/tasks.py" line="74"/>
        <source>出错：{0}</source>
        <translation>Error: {0}</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="51"/>
        <source>还没有使用记录</source>
        <translation>No uses recorded yet</translation>
    </message>
</context>
<context>
    <name>BuyerCard</name>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="31"/>
        <source>订单 {0} 笔 · 累计 {1:.2f} 元</source>
        <translation>{0} orders · {1:.2f} yuan in total</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="37"/>
        <source>标签：{0}</source>
        <translation>Tags: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="41"/>
        <source>属性：{0}</source>
        <translation>Attributes: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="43"/>
        <source>备注：{0}</source>
        <translation>Notes: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="48"/>
        <source>承诺：{0}（{1} 前）</source>
        <translation>Promise: {0} (by {1})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="51"/>
        <source>承诺：{0}</source>
        <translation>Promise: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_card.py" line="61"/>
        <source>未选择买家</source>
        <translation>No buyer selected</translation>
    </message>
</context>
<context>
    <name>BuyerEditor</name>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="92"/>
        <source>用逗号分隔</source>
        <translation>Comma-separated</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="99"/>
        <source>买家类型</source>
        <translation>Buyer types</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="94"/>
        <source>如 尺码=38，脚型=偏宽</source>
        <translation>e.g. size=38, fit=wide</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="125"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="127"/>
        <source>复制备注</source>
        <translation>Copy remark</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="114"/>
        <source>账号：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="115"/>
        <source>平台：</source>
        <translation>Platform:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="116"/>
        <source>备注名：</source>
        <translation>Nickname:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="117"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="118"/>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="119"/>
        <source>属性：</source>
        <translation>Attributes:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="120"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="121"/>
        <source>承诺：</source>
        <translation>Promises:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="146"/>
        <source>（无子分组）</source>
        <translation>(no subgroup)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="186"/>
        <source>订单 {0} 笔，累计 {1:.2f} 元</source>
        <translation>{0} orders, {1:.2f} yuan in total</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="187"/>
        <source>，回头客</source>
        <translation>, repeat buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="190"/>
        <source>新建买家</source>
        <translation>New buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="214"/>
        <source>会先保存这位新买家</source>
        <translation>Saves this new buyer first</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_editor.py" line="215"/>
        <source>先填写买家账号</source>
        <translation>Enter the account first</translation>
    </message>
</context>
<context>
    <name>BuyerManager</name>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="62"/>
        <source>买家 — 客服快捷助手</source>
        <translation>Buyers — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="66"/>
        <source>搜索账号、备注名、备注、标签（支持拼音）</source>
        <translation>Search account, nickname, notes, tags (pinyin works)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="70"/>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="100"/>
        <source>新建买家</source>
        <translation>New buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="102"/>
        <source>导入订单报表…</source>
        <translation>Import order report…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="104"/>
        <source>不活跃买家…</source>
        <translation>Inactive buyers…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="155"/>
        <source>正在建立买家索引（只在第一次需要）…</source>
        <translation>Building the buyer index (needed the first time only)…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="167"/>
        <source>买家</source>
        <translation>Buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="233"/>
        <source>共 {0} 位</source>
        <translation>{0} buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="298"/>
        <source>选择订单报表</source>
        <translation>Choose an order report</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="299"/>
        <source>订单报表 (*.csv *.xlsx *.txt)</source>
        <translation>Order reports (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="308"/>
        <source>正在读取 {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="313"/>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="330"/>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="351"/>
        <source>导入订单报表</source>
        <translation>Import order report</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="314"/>
        <source>将要进行以下修改：</source>
        <translation>These changes will be made:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="318"/>
        <source>确定导入吗？</source>
        <translation>Import now?</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="335"/>
        <source>正在导入 {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="347"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="369"/>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="375"/>
        <source>不活跃买家</source>
        <translation>Inactive buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="369"/>
        <source>没有 180 天内无订单、无联系的买家</source>
        <translation>No buyer without orders or contact in the last 180 days</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="377"/>
        <source>{0} 位买家 180 天内没有订单和联系：
{1}

归档他们吗？（可随时恢复）</source>
        <translation>{0} buyers had no order and no contact in 180 days:
{1}

Archive them? (They can be restored at any time.)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="224"/>
        <source>{0} 条待兑现，其中 {1} 条已逾期</source>
        <translation>{0} due, {1} of them overdue</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="247"/>
        <source>{0} 不在当前列表中；卡片上的修改还没有保存</source>
        <translation>{0} is not in the current list; the changes on the card are not saved yet</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_manager.py" line="251"/>
        <source>{0} 不在当前列表中</source>
        <translation>{0} is not in the current list</translation>
    </message>
</context>
<context>
    <name>BuyerTableModel</name>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="24"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="25"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="26"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="27"/>
        <source>备注名</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="28"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="29"/>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="30"/>
        <source>累计金额</source>
        <translation>Total spent</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/buyer_model.py" line="31"/>
        <source>最近下单</source>
        <translation>Last order</translation>
    </message>
</context>
<context>
    <name>DuePromiseModel</name>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="35"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="36"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="37"/>
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="38"/>
        <source>承诺</source>
        <translation>Promise</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="65"/>
        <source>逾期 {0} 天</source>
        <translation>Overdue: {0} day(s)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="65"/>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
</context>
<context>
    <name>DuePromises</name>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="92"/>
        <source>标为已完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/due_promises.py" line="138"/>
        <source>先在列表中选一条承诺</source>
        <translation>Choose a promise in the list first</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="41"/>
        <source>欢迎使用客服快捷助手</source>
        <translation>Welcome to Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="42"/>
        <source>欢迎！先花半分钟填一下店铺信息</source>
        <translation>Welcome! Take half a minute to fill in your shop profile</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="49"/>
        <source>在聊天窗口里按 {0} 打开快速查找，输入 cf 之类的编码或拼音，按 Enter，短语就复制好了，切回聊天窗口粘贴即可。
短语里的 {{店铺}}、{{客服}}、{{活动}}、{{发货时间}} 会换成下面填的内容；留空的以后用到时会再问。随时可以在“设置”里修改。</source>
        <translation>In the chat window, press {0} to open Quick Find, type a code such as cf or some pinyin and press Enter: the phrase is copied; paste it in the chat window.
{{店铺}} (shop), {{客服}} (agent), {{活动}} (promotion) and {{发货时间}} (shipping time) in phrases become what you fill in below; anything left empty is asked when a phrase needs it. You can change these in Settings at any time.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="58"/>
        <source>例如：小花服饰旗舰店</source>
        <translation>e.g. Xiaohua Fashion Store</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="59"/>
        <source>例如：小美</source>
        <translation>e.g. Mei</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="60"/>
        <source>例如：全场满199减20</source>
        <translation>e.g. 20 off every order over 199</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="61"/>
        <source>例如：48小时内</source>
        <translation>e.g. within 48 hours</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="76"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/first_run.py" line="79"/>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>GroupTree</name>
    <message>
        <location filename="../../assistant/ui/buyers/group_tree.py" line="49"/>
        <source>待兑现承诺（{0}）</source>
        <translation>Promises due ({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/group_tree.py" line="50"/>
        <source>今天到期和已逾期的承诺</source>
        <translation>Promises due today and overdue</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/group_tree.py" line="53"/>
        <source>，其中 {0} 条已逾期</source>
        <translation>, {0} of them overdue</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/group_tree.py" line="55"/>
        <source>全部买家（{0}）</source>
        <translation>All buyers ({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/group_tree.py" line="56"/>
        <source>未分组（{0}）</source>
        <translation>No group ({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/group_tree.py" line="63"/>
        <source>已归档（{0}）</source>
        <translation>Archived ({0})</translation>
    </message>
</context>
<context>
    <name>Hotkey</name>
    <message>
        <location filename="../../assistant/ui/system/hotkey_x11.py" line="124"/>
        <source>这个键盘上没有 {0} 键，请在设置里换一个快捷键</source>
        <translation>This keyboard has no {0} key; choose another hotkey in Settings</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey_x11.py" line="167"/>
        <source>无法连接 X 显示，快捷键 {0} 不可用：{1}</source>
        <translation>Cannot connect to the X display, so the hotkey {0} is unavailable: {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey_windows.py" line="100"/>
        <source>系统没有回应</source>
        <translation>the system did not answer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey_windows.py" line="123"/>
        <source>RegisterHotKey 只在 Windows 上可用</source>
        <translation>RegisterHotKey exists only on Windows</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey_macos.py" line="191"/>
        <source>RegisterEventHotKey 只在 macOS 上可用</source>
        <translation>RegisterEventHotKey is only available on macOS</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey_macos.py" line="214"/>
        <location filename="../../assistant/ui/system/hotkey_macos.py" line="229"/>
        <location filename="../../assistant/ui/system/hotkey_windows.py" line="151"/>
        <source>错误 {0}</source>
        <translation>error {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/paste.py" line="38"/>
        <source>Wayland 不允许程序向其他窗口发送按键，自动粘贴不可用；复制后请手动按 Ctrl+V</source>
        <translation>Wayland does not let programs send keys to other windows, so auto-paste is unavailable; press Ctrl+V yourself after copying</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="80"/>
        <source>无法识别快捷键“{0}”，请重新按一次组合键</source>
        <translation>The hotkey “{0}” was not recognised; press the combination again</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="84"/>
        <source>Esc 用来关闭窗口和取消，不能用作全局快捷键</source>
        <translation>Esc closes windows and cancels, so it cannot be the global hotkey</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="86"/>
        <source>“{0}”没有 Ctrl、Alt 或 Meta 键，用作全局快捷键后所有程序都收不到这个键；请按组合键，例如 Ctrl+Alt+Space</source>
        <translation>“{0}” has no Ctrl, Alt or Meta: as the global hotkey, no other program would receive this key. Press a combination, e.g. Ctrl+Alt+Space</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="95"/>
        <source>快捷键 {0} 已被其他程序占用，请在设置里换一个</source>
        <translation>The hotkey {0} is taken by another program; choose another one in Settings</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="101"/>
        <source>Wayland 下无法注册全局快捷键：请在系统设置中把快捷键绑定到命令 kefu show</source>
        <translation>Global hotkeys cannot be registered under Wayland: bind a shortcut to the command kefu show in the system settings</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="108"/>
        <source>无法注册快捷键 {0}：{1}</source>
        <translation>Cannot register the hotkey {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/system/hotkey.py" line="112"/>
        <source>无法识别快捷键 {0} 中的按键 {1}</source>
        <translation>The key {1} of the hotkey {0} was not recognised</translation>
    </message>
</context>
<context>
    <name>ImageList</name>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="59"/>
        <source>添加图片…</source>
        <translation>Add image…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="60"/>
        <source>粘贴图片</source>
        <translation>Paste image</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="61"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="62"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="63"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="90"/>
        <source>第 {0}/{1} 条：{2}</source>
        <translation>Message {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="113"/>
        <source>一条短语最多 {0} 张图片</source>
        <translation>A phrase holds at most {0} images</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="130"/>
        <source>{0}：图片太大，最多 {1} MB</source>
        <translation>{0}: the image is too large (at most {1} MB)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="134"/>
        <source>无法读取 {0}：{1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="139"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="140"/>
        <source>添加图片</source>
        <translation>Add image</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="147"/>
        <source>剪贴板里没有图片</source>
        <translation>There is no image on the clipboard</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/image_list.py" line="163"/>
        <source>粘贴的图片.png</source>
        <translation>pasted image.png</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../assistant/ui/buyers/import_report.py" line="18"/>
        <source>读取 {0} 行；计入已付款订单 {1} 笔，未付款 {2} 笔，已导入过 {3} 笔</source>
        <translation>Read {0} rows; {1} paid orders counted, {2} unpaid, {3} imported before</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/import_report.py" line="21"/>
        <source>新建买家 {0} 位，更新 {1} 位，新标记回头客 {2} 位，移入「成交买家」{3} 位</source>
        <translation>{0} new buyers, {1} updated, {2} newly tagged as repeat buyers, {3} moved to group 8 (Customers)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/import_report.py" line="28"/>
        <source>跳过 {0} 行：</source>
        <translation>Skipped {0} rows:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/import_report.py" line="31"/>
        <source>  第 {0} 行：{1}</source>
        <translation>  Row {0}: {1}</translation>
    </message>
</context>
<context>
    <name>KefuApp</name>
    <message>
        <location filename="../../assistant/ui/app.py" line="194"/>
        <source>快捷键不可用 — 客服快捷助手</source>
        <translation>Hotkey unavailable — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/app.py" line="56"/>
        <source>没有检测到系统托盘（例如 GNOME 未安装 AppIndicator 扩展，或部分 Wayland 桌面），因此改为显示这个小窗口。关闭窗口不会退出程序；要退出请点“退出”。</source>
        <translation>No system tray was found (e.g. GNOME without the AppIndicator extension, or some Wayland desktops), so this small window is shown instead. Closing it does not quit; use “Quit”.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/app.py" line="143"/>
        <location filename="../../assistant/ui/app.py" line="295"/>
        <location filename="../../assistant/ui/app.py" line="318"/>
        <location filename="../../assistant/ui/app.py" line="325"/>
        <location filename="../../assistant/ui/app.py" line="328"/>
        <location filename="../../assistant/ui/app.py" line="356"/>
        <location filename="../../assistant/ui/tasks.py" line="108"/>
        <source>客服快捷助手</source>
        <translation>Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/app.py" line="328"/>
        <source>语言将在重新启动后生效</source>
        <translation>The language changes after a restart</translation>
    </message>
</context>
<context>
    <name>LintTexts</name>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="23"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="24"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="25"/>
        <source>提示</source>
        <translation>Hint</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="28"/>
        <source>微信号</source>
        <translation>A WeChat ID</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="29"/>
        <source>QQ 号</source>
        <translation>A QQ number</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="30"/>
        <source>邮箱</source>
        <translation>An email address</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="31"/>
        <source>手机号</source>
        <translation>A phone number</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="32"/>
        <source>站外链接</source>
        <translation>A link to another site</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="36"/>
        <source>改为“其他店铺”或直接删去</source>
        <translation>Write “其他店铺” (another shop) instead, or delete it</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="37"/>
        <source>给出当前活动或有条件的办法，如“拍两件就包邮哦”</source>
        <translation>Offer the current promotion or a way that works on a condition, e.g. “拍两件就包邮哦” (free shipping for two)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="40"/>
        <source>回答问题后再补一句推荐或说明</source>
        <translation>Answer the question, then add a recommendation or an explanation</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="42"/>
        <source>删除联系方式，请买家在平台内联系</source>
        <translation>Delete the contact details and ask the buyer to stay in touch on the platform</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="43"/>
        <source>改为客观、具体的说法（如材质、数据），或删去</source>
        <translation>Say something objective and specific instead (the material, figures), or delete it</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="60"/>
        <source>{0}会把买家引到平台外，平台会处罚</source>
        <translation>{0} leads the buyer off the platform, and the platform penalises that</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="64"/>
        <source>京东会屏蔽提到其他平台（{0}）的消息</source>
        <translation>JD blocks messages that mention another platform ({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="68"/>
        <source>「{0}」是绝对化用语：广告法禁止，也容易引起纠纷</source>
        <translation>“{0}” is an absolute claim: the Advertising Law forbids it, and it invites disputes</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="72"/>
        <source>直接拒绝容易流失买家：先说能做到的</source>
        <translation>A flat refusal loses buyers: say first what can be done</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="74"/>
        <source>回复太短，买家得不到有用的信息</source>
        <translation>The reply is too short to tell the buyer anything useful</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="76"/>
        <source>自动回复最多 {0} 个字（每个字符算一个），现在 {1} 个</source>
        <translation>An auto-reply holds at most {0} characters (each character counts as one); this one has {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="94"/>
        <source>删减 {0} 个字</source>
        <translation>Cut {0} characters</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="106"/>
        <source>{0}（建议：{1}）</source>
        <translation>{0} (Suggestion: {1})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/lint_texts.py" line="115"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
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
        <location filename="../../assistant/ui/main_window.py" line="41"/>
        <source>快速查找</source>
        <translation>Quick find</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="28"/>
        <source>买家…</source>
        <translation>Buyers…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="29"/>
        <source>短语管理…</source>
        <translation>Phrases…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="30"/>
        <source>短语包与同步…</source>
        <translation>Packs and sync…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="31"/>
        <source>统计…</source>
        <translation>Statistics…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="32"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/main_window.py" line="33"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../assistant/ui/names.py" line="21"/>
        <source>淘宝</source>
        <translation>Taobao</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="22"/>
        <source>天猫</source>
        <translation>Tmall</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="23"/>
        <source>京东</source>
        <translation>JD</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="24"/>
        <source>拼多多</source>
        <translation>Pinduoduo</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="25"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="26"/>
        <source>微信小店</source>
        <translation>WeChat Shop</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="27"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="30"/>
        <source>好友</source>
        <translation>Friends</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="31"/>
        <source>顾问</source>
        <translation>Advisers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="32"/>
        <source>需订购</source>
        <translation>To order</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="33"/>
        <source>有合作意向</source>
        <translation>Interested</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="34"/>
        <source>批发商家</source>
        <translation>Wholesale buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="35"/>
        <source>意向批发商家</source>
        <translation>Wholesale prospects</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="36"/>
        <source>供应商</source>
        <translation>Suppliers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="37"/>
        <source>成交买家</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="38"/>
        <source>亲切买家</source>
        <translation>Friendly buyers</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="39"/>
        <source>交易纠纷</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="42"/>
        <source>聊友</source>
        <translation>Chat friends</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="42"/>
        <source>熟人</source>
        <translation>Acquaintances</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="44"/>
        <source>小二</source>
        <translation>Platform staff</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="45"/>
        <source>掌门护法</source>
        <translation>Forum moderators</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="46"/>
        <source>老师</source>
        <translation>Mentors</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="50"/>
        <source>店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="51"/>
        <source>客服</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="52"/>
        <source>活动</source>
        <translation>Promotion</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="53"/>
        <source>发货时间</source>
        <translation>Shipping time</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="70"/>
        <source>未分组</source>
        <translation>No group</translation>
    </message>
</context>
<context>
    <name>PackFiles</name>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="34"/>
        <source>新增 {0} 条，更新 {1} 条，未变 {2} 条，跳过 {3} 条</source>
        <translation>{0} added, {1} updated, {2} unchanged, {3} skipped</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="42"/>
        <source>…另有 {0} 行有问题</source>
        <translation>…and {0} more rows with problems</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="54"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="65"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="96"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="109"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="126"/>
        <source>导入短语</source>
        <translation>Import phrases</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="55"/>
        <source>短语文件 (*.json *.kefupack *.csv *.xlsx *.txt)</source>
        <translation>Phrase files (*.json *.kefupack *.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="76"/>
        <source>正在读取 {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="89"/>
        <source>文件里有问题的行：
{0}

跳过这些行，导入其余的吗？</source>
        <translation>Lines with problems:
{0}

Skip them and import the rest?</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="93"/>
        <source>将要导入：
{0}

确定吗？</source>
        <translation>About to import:
{0}

Go ahead?</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="116"/>
        <source>正在导入 {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="123"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="135"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="147"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="155"/>
        <source>导出短语</source>
        <translation>Export phrases</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="136"/>
        <source>短语.xlsx</source>
        <translation>phrases.xlsx</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="137"/>
        <source>Excel (*.xlsx);;CSV (*.csv);;短语包 JSON (*.json);;短语包含图片 (*.kefupack)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv);;Phrase pack JSON (*.json);;Phrase pack with images (*.kefupack)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="190"/>
        <source>注意：其中 {0} 条短语带有图片（{1}），表格只能保存文字，图片没有导出；要连同图片一起分享，请导出为 .json 或 .kefupack。</source>
        <translation>Note: {0} of these phrases have images ({1}); a table holds text only, so the images were not exported. To share them with their images, export as .json or .kefupack.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="145"/>
        <source>正在导出到 {0}…</source>
        <translation>Exporting to {0}…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="160"/>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="161"/>
        <source>已导出 {0} 条短语到 {1}</source>
        <translation>Exported {0} phrases to {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="174"/>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="189"/>
        <source>「{0}」</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/pack_io_dialogs.py" line="176"/>
        <source>注意：其中 {0} 条短语含有 {{昵称}} 这类占位符（{1}）。千牛不会替换占位符，会原样发给买家；在千牛里使用前请改写这些短语。</source>
        <translation>Note: {0} of them contain placeholders such as {{昵称}} ({1}). Qianniu does not fill in placeholders and sends them to the buyer as they are; rewrite these phrases before using them in Qianniu.</translation>
    </message>
</context>
<context>
    <name>PacksWindow</name>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="61"/>
        <source>短语包与同步 — 客服快捷助手</source>
        <translation>Packs and sync — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="65"/>
        <source>短语包</source>
        <translation>Phrase pack</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="66"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="67"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="68"/>
        <source>短语数</source>
        <translation>Phrases</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="69"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="93"/>
        <location filename="../../assistant/ui/packs/packs_window.py" line="255"/>
        <source>新建短语包</source>
        <translation>New phrase pack</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="95"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="100"/>
        <source>导出所选…</source>
        <translation>Export selected…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="104"/>
        <source>订阅…</source>
        <translation>Subscribe…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="105"/>
        <source>发布所选…</source>
        <translation>Publish selected…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="106"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="107"/>
        <source>取消订阅所选…</source>
        <translation>Unsubscribe selected…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="118"/>
        <source>保留我的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="119"/>
        <source>采用上游</source>
        <translation>Take upstream</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="120"/>
        <source>采用其他文本 1</source>
        <translation>Take other text 1</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="129"/>
        <source>团队共享：组长用“发布”把短语包放到共享文件夹或 WebDAV；组员“订阅”同一个地址，程序启动时和每 5 分钟自动同步。WebDAV 密码保存在系统钥匙串（命令 kefu pack login）。</source>
        <translation>Team sharing: a lead publishes a pack to a shared folder or WebDAV; agents subscribe to the same address, and the app syncs at start and every 5 minutes. WebDAV passwords are kept in the system keyring (command kefu pack login).</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="143"/>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="145"/>
        <source>需要您选择的短语</source>
        <translation>Phrases that need your choice</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="163"/>
        <source>订阅已取消</source>
        <translation>Unsubscribed</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="178"/>
        <source>还没有订阅或发布任何短语包</source>
        <translation>No phrase pack subscribed or published yet</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="255"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="265"/>
        <source>共享文件夹路径，或 WebDAV 地址（https://…）：</source>
        <translation>Shared folder path, or WebDAV address (https://…):</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="272"/>
        <source>WebDAV 用户名：</source>
        <translation>WebDAV user name:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="297"/>
        <location filename="../../assistant/ui/packs/packs_window.py" line="308"/>
        <source>短语包与同步</source>
        <translation>Phrase packs and sync</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="311"/>
        <source>订阅短语包</source>
        <translation>Subscribe to phrase packs</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="317"/>
        <source>正在订阅 {0} 并下载短语包…（可以继续使用快速查找）</source>
        <translation>Subscribing to {0} and downloading its packs… (Quick find keeps working meanwhile)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="325"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="325"/>
        <source>请先在列表中选择一个短语包</source>
        <translation>Select a phrase pack in the list first</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="327"/>
        <source>发布短语包</source>
        <translation>Publish phrase pack</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="333"/>
        <source>正在发布到 {0}…（可以继续使用快速查找）</source>
        <translation>Publishing to {0}… (Quick find keeps working meanwhile)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="340"/>
        <source>正在同步订阅的短语包…（可以继续使用快速查找）</source>
        <translation>Syncing the subscribed packs… (Quick find keeps working meanwhile)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="343"/>
        <source>还没有订阅</source>
        <translation>No subscriptions yet</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="354"/>
        <location filename="../../assistant/ui/packs/packs_window.py" line="370"/>
        <source>取消订阅</source>
        <translation>Unsubscribe</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="354"/>
        <source>请先在列表中选择一个订阅的短语包</source>
        <translation>Select a subscribed pack in the list first</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="363"/>
        <source>不再从 {0} 同步？已同步的短语留在本机，只是不再自动更新。</source>
        <translation>Stop syncing from {0}? The phrases synced so far stay here; they are just no longer updated.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="367"/>
        <source>同一来源的这些短语包也一起取消：{0}</source>
        <translation>These packs from the same source are unsubscribed too: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="51"/>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="52"/>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="53"/>
        <source>订阅</source>
        <translation>Subscribed</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="225"/>
        <source>订阅：{0}</source>
        <translation>Subscribed: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="223"/>
        <source>订阅：{0}（{1}）</source>
        <translation>Subscribed: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="231"/>
        <source>出错：{0}</source>
        <translation>error: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="231"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="233"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="235"/>
        <source>{0}：上次同步 {1}，{2}</source>
        <translation>{0}: last synced {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="194"/>
        <source>我的：{0}</source>
        <translation>Mine: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="196"/>
        <source>上游：{0}</source>
        <translation>Upstream: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/packs_window.py" line="198"/>
        <source>其他文本 {0}：{1}</source>
        <translation>Other text {0}: {1}</translation>
    </message>
</context>
<context>
    <name>PanelQuestion</name>
    <message>
        <location filename="../../assistant/ui/quick/answering.py" line="180"/>
        <source>（正在准备推荐…）</source>
        <translation> (preparing suggestions…)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/answering.py" line="182"/>
        <source>（没有合适的推荐）</source>
        <translation> (no fitting answer)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/answering.py" line="186"/>
        <source>回答买家：{0}</source>
        <translation>Answering the buyer: {0}</translation>
    </message>
</context>
<context>
    <name>PhraseEditor</name>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="33"/>
        <source>买家账号</source>
        <translation>the buyer&apos;s account</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="34"/>
        <source>买家备注名（没有时为“亲”）</source>
        <translation>the buyer&apos;s remark name (“亲” when there is none)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="35"/>
        <source>店铺名</source>
        <translation>the shop&apos;s name</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="36"/>
        <source>客服名/工号</source>
        <translation>the agent&apos;s name or number</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="37"/>
        <source>当前活动</source>
        <translation>the current promotion</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="38"/>
        <source>每日发货截止时间</source>
        <translation>the daily shipping cut-off time</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="39"/>
        <source>今天的日期</source>
        <translation>today&apos;s date</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="40"/>
        <source>现在的时间</source>
        <translation>the time now</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="41"/>
        <source>今天星期几</source>
        <translation>the day of the week</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="42"/>
        <source>剪贴板里的文字</source>
        <translation>the text on the clipboard</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="68"/>
        <source>编辑短语</source>
        <translation>Edit phrase</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="68"/>
        <source>新建短语</source>
        <translation>New phrase</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="73"/>
        <source>留空则取内容的第一句</source>
        <translation>Empty: the first sentence of the text</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="79"/>
        <source>如 cf1</source>
        <translation>e.g. cf1</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="81"/>
        <source>用逗号分隔</source>
        <translation>Comma-separated</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="87"/>
        <source>每行一个，如：能便宜点吗（买家这样问时推荐这条短语）</source>
        <translation>One per line, e.g. can you make it cheaper (buyers asking so are offered this phrase)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="103"/>
        <source>插入占位符</source>
        <translation>Insert placeholder</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="110"/>
        <source>填空 {?名称:默认值}</source>
        <translation>Fill-in {?name:default}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="116"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="117"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="118"/>
        <source>快捷编码：</source>
        <translation>Short code:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="119"/>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="120"/>
        <source>内容：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="122"/>
        <source>预览：</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="123"/>
        <source>图片：</source>
        <translation>Images:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="124"/>
        <source>买家问法：</source>
        <translation>Buyer questions:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="128"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_editor.py" line="129"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PhraseManager</name>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="73"/>
        <source>短语管理 — 客服快捷助手</source>
        <translation>Phrases — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="80"/>
        <source>搜索（中文、拼音、首字母、编码）</source>
        <translation>Search (Chinese, pinyin, initials, code)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="105"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="106"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="107"/>
        <source>复制一份</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="108"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="109"/>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="110"/>
        <source>收藏/取消收藏</source>
        <translation>Toggle favourite</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="111"/>
        <source>移动到分组…</source>
        <translation>Move to group…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="112"/>
        <source>剪贴板存为新短语</source>
        <translation>New phrase from clipboard</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="113"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="114"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="186"/>
        <source>全部短语（{0}）</source>
        <translation>All phrases ({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="225"/>
        <source>共 {0} 条</source>
        <translation>{0} phrases</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="251"/>
        <source>（副本）</source>
        <translation> (copy)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="296"/>
        <source>移动到分组</source>
        <translation>Move to group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_manager.py" line="296"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
</context>
<context>
    <name>PhraseTableModel</name>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="25"/>
        <source>★</source>
        <translation>★</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="26"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="27"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="28"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="29"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="30"/>
        <source>使用次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="31"/>
        <source>最近使用</source>
        <translation>Last used</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="32"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/phrase_model.py" line="104"/>
        <source>{0} 张</source>
        <translation>{0}</translation>
    </message>
</context>
<context>
    <name>PromiseBox</name>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="33"/>
        <source>新承诺，如 到货通知</source>
        <translation>New promise, e.g. restock notice</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="34"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="38"/>
        <source>添加承诺</source>
        <translation>Add promise</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="39"/>
        <source>标为已完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="60"/>
        <source>{0}（{1} 前）</source>
        <translation>{0} (by {1})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="83"/>
        <source>先写下承诺内容</source>
        <translation>Write the promise first</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/buyers/promise_box.py" line="88"/>
        <source>先在上面选一条未完成的承诺</source>
        <translation>Choose an open promise above first</translation>
    </message>
</context>
<context>
    <name>Punctuation</name>
    <message>
        <location filename="../../assistant/ui/names.py" line="108"/>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="113"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="118"/>
        <location filename="../../assistant/ui/names.py" line="123"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="128"/>
        <source>（{0}）</source>
        <translation>({0})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="134"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="139"/>
        <source>【{0}】</source>
        <translation>[{0}]</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/names.py" line="144"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>QuickPanel</name>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="142"/>
        <source>新建短语（Ctrl+N）</source>
        <translation>New phrase (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="295"/>
        <source>没有找到“{0}”。按 Ctrl+N 新建一条短语。</source>
        <translation>Nothing found for &quot;{0}&quot;. Press Ctrl+N to write a new phrase.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="469"/>
        <source>Enter 复制 · Alt+1…9 直接复制第 1…9 行 · Ctrl+F 收藏 · Ctrl+E 编辑 · Ctrl+N 新建 · Ctrl+B 买家 · Esc 关闭</source>
        <translation>Enter copies · Alt+1…9 copies row 1…9 at once · Ctrl+F favourite · Ctrl+E edit · Ctrl+N new · Ctrl+B buyer · Esc closes</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="454"/>
        <source>备注名会替换短语里的 {昵称}；标签、尺码等以后在“买家”窗口里补充。</source>
        <translation>The remark name replaces {昵称} (nickname) in phrases; add tags, sizes and the rest later in the Buyers window.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="252"/>
        <source>Enter 下一项，填完确定 · Tab 切换 · Esc 取消</source>
        <translation>Enter: next field, then OK · Tab: switch · Esc: cancel</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="456"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="457"/>
        <source>备注名</source>
        <translation>Remark name</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="459"/>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="87"/>
        <source>新建买家 {0}</source>
        <translation>New buyer {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="94"/>
        <source>未选择买家：{昵称} 会写成“亲”</source>
        <translation>No buyer selected: {昵称} (nickname) becomes &quot;亲&quot;</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="100"/>
        <source>当前买家：{0}</source>
        <translation>Current buyer: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="168"/>
        <source>仍然复制</source>
        <translation>Copy anyway</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="190"/>
        <source>{0}（店铺资料里还没填）</source>
        <translation>{0} (not in the shop profile yet)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="212"/>
        <source>无法生成这条短语，原因见下方状态栏</source>
        <translation>This phrase cannot be filled in; the status line below says why</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="219"/>
        <source>填写内容 — {0}</source>
        <translation>Fill in — {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="222"/>
        <source>复制（Enter）</source>
        <translation>Copy (Enter)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="225"/>
        <source>同时保存到店铺资料（以后不再询问）</source>
        <translation>Also save to the shop profile (not asked again)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/ask_page.py" line="81"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/ask_page.py" line="155"/>
        <source>请填写：{0}</source>
        <translation>Please fill in: {0}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="72"/>
        <source>快速查找 — 客服快捷助手</source>
        <translation>Quick find — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="100"/>
        <source>输入中文、拼音、首字母或快捷编码…</source>
        <translation>Type Chinese, pinyin, initials or a short code…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="368"/>
        <source>已复制第 1/{0} 条；其余几条请在列表中选中「{1}」后按 Enter</source>
        <translation>Copied message 1/{0}; to copy the others, select &quot;{1}&quot; in the list and press Enter</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="83"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="45"/>
        <source>买家账号或备注名…</source>
        <translation>Buyer account or nickname…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="55"/>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="117"/>
        <location filename="../../assistant/ui/quick/quick_panel.py" line="453"/>
        <source>新建买家</source>
        <translation>New buyer</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/buyer_bar.py" line="68"/>
        <source>买家：</source>
        <translation>Buyer:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/preview.py" line="53"/>
        <source>店铺信息「{0}」还没有设置，会留空（托盘菜单 → 设置…）</source>
        <translation>Shop setting “{0}” is not set and will be left empty (tray menu → Settings…)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="59"/>
        <source>已复制第 {0}/{1} 条，再按 Enter 复制第 {2} 条</source>
        <translation>Copied message {0}/{1}; press Enter again for message {2}</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="163"/>
        <source>这条短语可能违规</source>
        <translation>This phrase may break the rules</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/message_stepping.py" line="164"/>
        <source>「{0}」有问题：
{1}

仍然复制吗？</source>
        <translation>“{0}” has problems:
{1}

Copy it anyway?</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/quick/image_line.py" line="13"/>
        <source>[图片 {0}]</source>
        <translation>[image {0}]</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="48"/>
        <source>设置 — 客服快捷助手</source>
        <translation>Settings — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="86"/>
        <source>复制后自动粘贴到原来的窗口</source>
        <translation>Paste into the previous window after copying</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="106"/>
        <source>登录系统时自动启动</source>
        <translation>Start at login</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="66"/>
        <source>快速查找快捷键：</source>
        <translation>Quick find hotkey:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="71"/>
        <source>粘贴前等待：</source>
        <translation>Wait before pasting:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="74"/>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="75"/>
        <source>检查规则（平台）：</source>
        <translation>Checks for platform:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="77"/>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="117"/>
        <source>店铺名</source>
        <translation>Shop name</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="118"/>
        <source>如 小美 / 8号</source>
        <translation>e.g. Mei / No. 8</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="119"/>
        <source>如 满200减20</source>
        <translation>e.g. 20 off orders over 200</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="120"/>
        <source>如 16:00</source>
        <translation>e.g. 16:00</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="127"/>
        <source>店铺信息（用于 {店铺}、{客服}、{活动}、{发货时间}）</source>
        <translation>Shop profile (for {店铺}, {客服}, {活动}, {发货时间})</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="134"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="141"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="147"/>
        <source>每个数据文件保存时都另存一份副本（.bak），文件损坏或丢失时从它恢复；另外每天自动备份整个数据文件夹，保留最近 14 份（按备份的先后，不按时钟）。</source>
        <translation>Every data file is saved with a second copy (.bak), from which it is rebuilt when damaged or lost; the whole data folder is also backed up daily, keeping the last 14 (in the order they were made, not by the clock).</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="160"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="161"/>
        <source>恢复所选备份…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="183"/>
        <source>每日</source>
        <translation>daily</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="184"/>
        <source>手动</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="185"/>
        <source>恢复前</source>
        <translation>before restore</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="210"/>
        <location filename="../../assistant/ui/settings_dialog.py" line="218"/>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="211"/>
        <source>用 {0} 的备份替换现在的全部数据吗？
现在的数据会先自动备份。</source>
        <translation>Replace all current data with the backup of {0}?
The current data is backed up first.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="218"/>
        <source>已恢复。</source>
        <translation>Restored.</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="174"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/settings_dialog.py" line="175"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="113"/>
        <source>统计 — 客服快捷助手</source>
        <translation>Statistics — Kefu Assistant</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="117"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="125"/>
        <source>隐藏所选（不再出现在查找里，可在短语管理恢复）</source>
        <translation>Hide selected (no longer found; restore in Phrases)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="128"/>
        <source>统计最近：</source>
        <translation>Last:</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="131"/>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="136"/>
        <source>每天使用次数</source>
        <translation>Uses per day</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="138"/>
        <source>最常用的短语</source>
        <translation>Most used phrases</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="140"/>
        <source>这段时间没用过的短语（可以改进或隐藏）</source>
        <translation>Phrases not used in this period (improve or hide them)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="153"/>
        <source>{0} 至 {1}，共使用 {2} 次</source>
        <translation>{0} to {1}: {2} uses</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="164"/>
        <source>短语使用统计.csv</source>
        <translation>phrase-usage.csv</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/phrases/stats_window.py" line="165"/>
        <source>导出统计</source>
        <translation>Export statistics</translation>
    </message>
</context>
<context>
    <name>SyncNotice</name>
    <message>
        <location filename="../../assistant/ui/packs/sync_notice.py" line="22"/>
        <source>（另有 {0} 个失败）</source>
        <translation> ({0} more failed)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/sync_notice.py" line="27"/>
        <source>短语包同步失败</source>
        <translation>Phrase pack sync failed</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/sync_notice.py" line="41"/>
        <source>「{0}」已更新：新增 {1} 条，修改 {2} 条，删除 {3} 条</source>
        <translation>&quot;{0}&quot; updated: {1} added, {2} changed, {3} removed</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/sync_notice.py" line="45"/>
        <source>团队短语包已更新</source>
        <translation>Team phrase pack updated</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/packs/sync_worker.py" line="97"/>
        <source>同步出错：{0}</source>
        <translation>Sync failed: {0}</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="39"/>
        <source>快速查找</source>
        <translation>Quick find</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="45"/>
        <source>收藏</source>
        <translation>Favourites</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="50"/>
        <source>（还没有收藏的短语）</source>
        <translation>(no favourite phrases yet)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="60"/>
        <source>更多…（用快速查找）</source>
        <translation>More… (use Quick find)</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="64"/>
        <source>买家…</source>
        <translation>Buyers…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="65"/>
        <source>短语管理…</source>
        <translation>Phrases…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="66"/>
        <source>短语包与同步…</source>
        <translation>Packs and sync…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="67"/>
        <source>统计…</source>
        <translation>Statistics…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="68"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../assistant/ui/tray_menu.py" line="72"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
</TS>
