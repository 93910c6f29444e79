//! The HTML inside a WARC `response` record: the HTTP head (status, Content-Type,
//! Transfer-Encoding, Content-Encoding) checked and undone, the body returned as bytes.

use std::io::Read;

/// The HTML body of an HTTP response, or why there is none: a status other than 2xx, a
/// Content-Type that is not HTML, an encoding that cannot be undone, a body over `max_bytes`.
pub fn html_of_response(response: &[u8], max_bytes: usize) -> Result<Vec<u8>, String> {
    let (head_len, body_start) = match memchr::memmem::find(response, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(response, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("not an HTTP response (no end of headers)".into()),
        },
    };
    let head = String::from_utf8_lossy(&response[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next()) {
        (Some(v), Some(code)) if v.starts_with("HTTP/") => code.parse::<u16>().ok(),
        _ => None,
    };
    let Some(status) = status else {
        return Err(format!(
            "not an HTTP response (status line {:?})",
            newsclean::text::truncate_chars(status_line, 60)
        ));
    };
    if !(200..300).contains(&status) {
        return Err(format!("HTTP status {status}, not a page"));
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    let body = &response[body_start..];
    let body = if chunked {
        dechunk(body).ok_or("damaged chunked Transfer-Encoding")?
    } else {
        body.to_vec()
    };
    let body = match encoding.as_str() {
        "" | "identity" | "none" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_bytes)?,
        "deflate" => {
            // Servers send either zlib-wrapped or raw deflate under this name.
            inflate(flate2::read::ZlibDecoder::new(&body[..]), max_bytes)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), max_bytes))?
        }
        other => return Err(format!("Content-Encoding {other} is not supported")),
    };
    if body.len() > max_bytes {
        return Err(super::sources::too_large(max_bytes));
    }
    check_html_type(&content_type, &body)?;
    Ok(body)
}

/// HTML by its Content-Type (`text/html`, `application/xhtml+xml`); without one, by its
/// first bytes (as the single-page CLI sniffs).
pub fn check_html_type(content_type: &str, body: &[u8]) -> Result<(), String> {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "text/html" | "application/xhtml+xml" => Ok(()),
        "" if crate::looks_like_html(&String::from_utf8_lossy(&body[..body.len().min(4096)])) => {
            Ok(())
        }
        "" => Err("not HTML (no Content-Type, and the body does not look like HTML)".into()),
        other => Err(format!("not HTML (Content-Type {other})")),
    }
}

fn inflate(r: impl Read, max_bytes: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(max_bytes as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot undo the Content-Encoding: {e}"))?;
    if out.len() > max_bytes {
        return Err(super::sources::too_large(max_bytes));
    }
    Ok(out)
}

/// The body of a chunked transfer: `size[;ext]\r\n data \r\n` ... `0\r\n`.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = memchr::memchr(b'\n', body)?;
        let line = std::str::from_utf8(&body[..eol]).ok()?;
        let size_hex = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_response_gives_its_body() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html>x</html>";
        assert_eq!(html_of_response(r, 1000).unwrap(), b"<html>x</html>");
    }

    #[test]
    fn chunked_and_gzip_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html><p>hello</p></html>").unwrap();
        let gz = gz.finish().unwrap();
        let (a, b) = gz.split_at(5);
        let mut r = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        for part in [a, b] {
            r.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            r.extend_from_slice(part);
            r.extend_from_slice(b"\r\n");
        }
        r.extend_from_slice(b"0\r\n\r\n");
        assert_eq!(
            html_of_response(&r, 1000).unwrap(),
            b"<html><p>hello</p></html>"
        );
    }

    #[test]
    fn not_html_not_2xx_and_too_large_are_errors() {
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(html_of_response(png, 1000)
            .unwrap_err()
            .contains("image/png"));
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(html_of_response(moved, 1000).unwrap_err().contains("301"));
        let big = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>0123456789</html>";
        assert!(html_of_response(big, 10).unwrap_err().contains("too large"));
        let br = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(html_of_response(br, 1000).unwrap_err().contains("br"));
        assert!(html_of_response(b"garbage", 1000).is_err());
    }
}
