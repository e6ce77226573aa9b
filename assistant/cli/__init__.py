"""The `kefu` command: parse, call core, print. No Qt here."""
