"""A datatrove extractor: ``WarcReader`` → ``NewsClean()`` → filters → ``JsonlWriter``.

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.datatrove import NewsClean

    pipeline = [WarcReader("crawl/"), NewsClean(), JsonlWriter("out/")]

``doc.text`` becomes the article text (paragraphs joined by blank lines); pages with no article
text are dropped (counted as ``dropped`` in the step's stats, as datatrove's own extractors do).
``doc.metadata`` gains ``title``, ``byline``, ``published``, ``modified``, ``site_name``,
``section``, ``lang``, ``kind`` (those the page has) and ``removed``: the number of removed
blocks by reason (``{"copyright": 1, "related": 12}``).
"""

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from . import clean_html

#: Article fields copied into ``doc.metadata`` (JSON name → metadata key).
METADATA_FIELDS = {
    "title": "title",
    "byline": "byline",
    "published": "published",
    "modified": "modified",
    "siteName": "site_name",
    "section": "section",
    "lang": "lang",
    "kind": "kind",
}


def removal_counts(article):
    """Removed blocks by reason, in the order the reasons first appear."""
    counts = {}
    for r in article["removed"]:
        counts[r["reason"]] = counts.get(r["reason"], 0) + 1
    return counts


def _extract_article(html, url):
    """(text, metadata) of one page; ("", {}) for empty input."""
    if not html:
        return "", {}
    article = clean_html(html, url=url)
    meta = {key: article[name] for name, key in METADATA_FIELDS.items() if article.get(name) is not None}
    meta["removed"] = removal_counts(article)
    return article["text"], meta


class NewsClean(BaseExtractor):
    """newsclean as a datatrove extractor (see the module's documentation).

    Args:
        timeout: per document, in seconds (datatrove runs extractors in a worker process).
    """

    name = "📰 NewsClean"

    def __init__(self, timeout: float = 1):
        super().__init__(timeout)

    def extract(self, text: str) -> str:
        """The article text of an HTML page; empty input gives empty output."""
        return _extract_article(text, None)[0]

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        # BaseExtractor.run, but the worker returns the metadata with the text, and the page's
        # URL goes in (relative links, the site).
        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None)) as extractor:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        text, meta = extractor.process_document((doc.text, doc.metadata.get("url")), _extract_article)
                        self.stat_update("extracted")
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning("⏰ Timeout while cleaning record text. Skipping record.")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning("Process died unexpectedly, will create new process for next document")
                        continue
                    except Exception as e:
                        self.stat_update("clean_error")
                        if not self._warned_error:
                            logger.warning(f'❌ Error "{e}" while cleaning record text. Skipping record. '
                                           "This message will only appear once.")
                            self._warned_error = True
                        continue
                doc.text = text
                doc.metadata.update(meta)
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)
