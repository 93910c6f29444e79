"""newsclean: the article on a news page, without what readers don't want.

    import newsclean
    article = newsclean.clean_html(html, url="https://news.example/a/1")   # str or bytes
    article["title"], article["text"], article["removed"]
    newsclean.clean_text(page_text)

Both return the dict the CLI prints with ``--format json`` and release the GIL while they
clean (threads clean in parallel). ``newsclean.datatrove.NewsClean`` is a datatrove extractor;
``newsclean.spark.clean_partition`` is a PySpark ``mapPartitions`` helper.
"""

from ._newsclean import __version__, clean_html, clean_text, site_of

__all__ = ["clean_html", "clean_text", "site_of", "__version__"]
