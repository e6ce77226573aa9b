"""Team sync of phrase packs through a shared folder or a WebDAV server.

Published versions are immutable files named by version and content hash, never
overwritten; a download is checked against the hash in its name. Concurrent publications
become two heads, merged phrase by phrase against their common ancestor.
"""
