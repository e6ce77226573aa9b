"""Search: pinyin, reading vocabulary, corpus, matcher, index and its cache.

Knows nothing about phrases or buyers: callers hand it keys and fields.
"""
