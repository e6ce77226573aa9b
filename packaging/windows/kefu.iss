; Inno Setup script for the Windows installer of 客服快捷助手 (kefu-assistant).
; Built on Windows after `bash scripts/build` (Git Bash) made dist\kefu\:
;   iscc /DAppVersion=0.1.0 packaging\windows\kefu.iss
; The result is dist\kefu-assistant-setup-<version>.exe. Written here, built and run on
; Windows only (not on the Linux machines this project's CI has).
;
; The user's data (phrases, buyers, backups) lives in %LOCALAPPDATA%\kefu-assistant, outside
; the program folder: installing a new version or uninstalling never touches it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B1F3C2E-4D1A-4E3B-9C55-2A7E8F0B9D41}
AppName=客服快捷助手
AppVersion={#AppVersion}
AppPublisher=kefu-assistant
DefaultDirName={autopf}\kefu-assistant
DefaultGroupName=客服快捷助手
DisableProgramGroupPage=yes
; Per-user by default: agents rarely have administrator rights on the shop's PC.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=kefu-assistant-setup-{#AppVersion}
SetupIconFile=..\..\build\icons\kefu.ico
UninstallDisplayIcon={app}\kefu-gui.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running app holds its files: Setup and the uninstaller close it first (Restart Manager).
CloseApplications=yes
; Starting with Windows is the app's own setting (设置 → 开机启动), not the installer's.
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; ChineseSimplified.isl is one of Inno Setup's contributed translations: put it in the
; compiler's Languages folder, or remove this line to build an English installer.
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\kefu\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\客服快捷助手"; Filename: "{app}\kefu-gui.exe"
Name: "{group}\卸载客服快捷助手"; Filename: "{uninstallexe}"
Name: "{autodesktop}\客服快捷助手"; Filename: "{app}\kefu-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kefu-gui.exe"; Description: "{cm:LaunchProgram,客服快捷助手}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder's own leftovers; %LOCALAPPDATA%\kefu-assistant (the data) stays.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
