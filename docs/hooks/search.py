"""MkDocs hook: the site's search finds Chinese words.

Material's search plugin cuts the Chinese text of each page into words with jieba
when it builds the search index (the browser's search cannot cut Chinese text
itself). jieba does not know every word of the form: it cuts 勾稽关系 into 勾稽 and
关系, so a search for 勾稽关系 would find nothing. :data:`WORDS` are added to its
dictionary before the pages are indexed. The separator and pipeline of the search,
set in ``mkdocs.yml``, keep the words whole in the browser.

jieba is in the ``docs`` and ``test`` extras; without it the build stops with an
error naming it, rather than publish a search that finds no Chinese word.
"""

from __future__ import annotations

import logging
from typing import Final

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

__all__ = ["WORDS", "on_config"]

#: Words of the form that jieba cuts into pieces that mean nothing alone. (A word added
#: here is no longer found by a search for a part of it: keep the list short.)
WORDS: Final = ("勾稽关系",)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Add :data:`WORDS` to jieba's dictionary (the search plugin uses jieba's default one)."""
    try:
        import jieba
    except ImportError:
        message = "the search of Chinese words needs jieba: pip install 'gov_disclosure[docs]'"
        raise PluginError(message) from None
    jieba.setLogLevel(logging.WARNING)
    for word in WORDS:
        jieba.add_word(word)
    return config
