"""The frozen app's entry point: no arguments start the tray app, arguments run the command
line (the same ``main`` as the installed ``kefu`` command)."""

from assistant.cli.main import main

raise SystemExit(main())
