//! `newsclean._newsclean`: the Python face of newsclean (PyO3, abi3). Thin by design: it
//! converts arguments, releases the GIL while the core cleans, and hands back the `Article` as
//! the same dict the CLI prints as JSON (camelCase keys). The Python package around it
//! (`newsclean/`) adds the datatrove extractor and the PySpark helper.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

/// HTML given as `str` is used as is; `bytes` are decoded as the CLI decodes a file (BOM, then
/// `<meta charset>` / `http-equiv`, then UTF-8).
fn html_text(html: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = html.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = html.cast::<PyBytes>() {
        let bytes = b.as_bytes().to_vec();
        let (text, _, _) = html
            .py()
            .detach(move || newsclean::adapters::charset::decode_html(&bytes));
        return Ok(text);
    }
    Err(PyTypeError::new_err(format!(
        "html must be str or bytes, not {}",
        html.get_type().name()?
    )))
}

/// A JSON value as Python objects (dict, list, str, int, float, bool, None).
fn to_python<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, item) in o {
                dict.set_item(k, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

fn article_dict<'py>(py: Python<'py>, article: &newsclean::Article) -> PyResult<Bound<'py, PyAny>> {
    // Article is plain data: serialising it cannot fail.
    let value = serde_json::to_value(article)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    to_python(py, &value)
}

/// clean_html(html, url=None) -> dict
///
/// The article found on an HTML page (`str`, or `bytes` decoded by the page's charset), as the
/// CLI's `--format json` prints it: title, byline, published, modified, siteName, section,
/// lang, excerpt, paragraphs, text, content, kind, removed [{reason, text, detail?}], stats.
/// `url` is the page's address (relative links, the site). Releases the GIL while cleaning.
#[pyfunction]
#[pyo3(signature = (html, url=None))]
fn clean_html<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let html = html_text(html)?;
    let article = py.detach(move || newsclean::Cleaner::new().clean_html(&html, url.as_deref()));
    article_dict(py, &article)
}

/// clean_text(text) -> dict
///
/// The article found in page text (what `document.body.innerText` gives, one block per line),
/// as `clean_html` returns it. Releases the GIL while cleaning.
#[pyfunction]
fn clean_text<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyAny>> {
    let article = py.detach(move || newsclean::Cleaner::new().clean_text(&text));
    article_dict(py, &article)
}

/// site_of(url) -> str | None: the registrable host newsclean groups pages by.
#[pyfunction]
fn site_of(url: &str) -> Option<String> {
    newsclean::memory::site_of(url)
}

#[pymodule]
fn _newsclean(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(clean_html, m)?)?;
    m.add_function(wrap_pyfunction!(clean_text, m)?)?;
    m.add_function(wrap_pyfunction!(site_of, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
