"""PySpark: clean ``(url, html)`` rows with ``mapPartitions``.

    from newsclean.spark import clean_partition, SCHEMA
    pages = spark.read.parquet("pages/")                       # columns url, html
    cleaned = pages.rdd.mapPartitions(clean_partition).toDF(SCHEMA)

Rows may be tuples ``(url, html)``, dicts or ``pyspark.sql.Row`` (by field name, ``url_field``
and ``html_field``); ``html`` may be ``str`` or ``bytes`` (decoded by the page's charset). One
output tuple per input row, in order, shaped by ``SCHEMA``; a row that cannot be cleaned keeps
its place with ``error`` set and the article fields empty. PySpark itself is not imported here.
"""

from . import clean_html

#: The output columns, in order.
FIELDS = ("url", "title", "byline", "published", "lang", "kind", "text", "removed", "error")

#: Spark DDL for ``toDF`` / ``createDataFrame``.
SCHEMA = (
    "url string, title string, byline string, published string, lang string, kind string, "
    "text string, removed array<struct<reason:string,text:string>>, error string"
)


def _field(row, name, index):
    if isinstance(row, dict):
        return row.get(name)
    if hasattr(row, "asDict"):  # pyspark.sql.Row
        return row[name]
    return row[index]


def clean_row(url, html):
    """One output tuple (see ``FIELDS``) for one page."""
    try:
        if html is None:
            raise ValueError("no html")
        a = clean_html(html, url=url)
    except Exception as e:  # a bad row is reported in place, never stops the partition
        return (url, None, None, None, None, None, "", [], f"{type(e).__name__}: {e}")
    removed = [(r["reason"], r["text"]) for r in a["removed"]]
    return (url, a["title"], a["byline"], a["published"], a["lang"], a["kind"], a["text"], removed, None)


def clean_partition(rows, url_field="url", html_field="html"):
    """``mapPartitions`` function: an iterator of output tuples, one per row."""
    for row in rows:
        yield clean_row(_field(row, url_field, 0), _field(row, html_field, 1))
