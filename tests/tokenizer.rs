//! Our HTML tokenizer (`src/adapters/tokenizer.rs`) against html5ever's: the same document
//! must give the same `Page` (nodes, text, kept attributes, title, meta tags, JSON-LD) through
//! either, since both feed the same tree builder. Runs over the fixture pages and a list of
//! inputs that exercise each tokenizer state. `examples/tokenizer_diff.rs` runs the same
//! comparison over a whole corpus directory.

use newsclean::adapters::html::{page_from_html, page_from_html_reference};
use std::path::Path;

fn same(html: &str) -> Result<(), String> {
    let ours = format!(
        "{:#?}",
        page_from_html(html, Some("https://example.com/a/b"))
    );
    let reference = format!(
        "{:#?}",
        page_from_html_reference(html, Some("https://example.com/a/b"))
    );
    if ours == reference {
        return Ok(());
    }
    let (o, r): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), reference.lines().collect());
    let at = o
        .iter()
        .zip(&r)
        .position(|(a, b)| a != b)
        .unwrap_or(o.len().min(r.len()));
    let from = at.saturating_sub(8);
    Err(format!(
        "first difference at line {at}\n--- ours\n{}\n--- html5ever\n{}",
        o[from..(at + 4).min(o.len())].join("\n"),
        r[from..(at + 4).min(r.len())].join("\n")
    ))
}

#[test]
fn fixture_pages_parse_the_same() {
    let mut n = 0;
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&path).unwrap();
                let (html, _, _) = newsclean::adapters::charset::decode_html(&bytes);
                if let Err(diff) = same(&html) {
                    panic!("{}: {diff}", path.display());
                }
                n += 1;
            }
        }
    }
    assert!(n >= 9, "only {n} fixture pages found");
}

#[test]
fn each_tokenizer_state_parses_the_same() {
    let cases = [
        // Text, character references (named with and without `;`, longest match, numeric,
        // the windows-1252 replacements, out of range, no digits), NUL.
        "<p>a &amp; b &lt;c&gt; &notit; &notin; &noti &amp &AMP; &#65;&#x42;&#X43; &#128; &#x80;\
         &#0; &#xD800; &#1114112; &#; &#x; &bogus; & &#99999999999; a\0b</p>",
        // Attribute values: quoted, unquoted, empty, missing, `=` first, duplicates, case,
        // character references with the attribute exceptions.
        "<a HREF='/x?a=1&amp;b=2&copy=3&copy;&not=4' id=\"q\" class=c1 title= data-src=img.png \
         data-other=1 =eq x y=\"\" ID=dup hidden>link</a>",
        "<img src=a.png alt=\"a &quot;b&quot; &#x26; c\" data-lazy-src=\"real.png\"><img/src=b.png>",
        "<div id=a/><p class=\"x\"id=b>t</p><div class=a class=b>c</div>",
        // Tags: self-closing, end tags with attributes, `</>`, `</ x>`, bogus comments, `<?`,
        // a lone `<`, a tag name with NUL and capitals, `<` before a non-letter.
        "<br/><p>1 < 2 <3 a<b>c</b d=e></>x</ y>z<?php echo 1 ?>w<!x>v<P\0Q>q</P\0q> <é",
        // Comments: empty forms, `--!>`, dashes, nested opening, unclosed at the end.
        "<p>a<!---->b<!-->c<!--->d<!-- x --!>e<!----!>f<!-- <!-- -- --->g<!--!>h-->i</p>",
        "<p>unclosed comment<!-- never",
        // Doctypes: standard, quirks, legacy, broken.
        "<!DOCTYPE html><p>x<table><tr><td>cell</table>",
        "<!doctype html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>x<table><td>y</table>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \
         \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><p>x<table><td>y</table>",
        "<!DOCTYPE><p>x<table><td>y</table>",
        "<!DOCTYPE html SYSTEM 'about:legacy-compat'><p>x<table><td>y</table>",
        "<!DOCTYPE html PUBLIC><p>x<table><td>y</table>",
        "<!DOCTYPE svg><p>x<table><td>y</table>",
        // Raw text: title (RCDATA with references), textarea, style, xmp, noscript, iframe,
        // script with escapes and double escapes, JSON-LD, plaintext.
        "<head><title>A &amp; B </titlex> C</TITLE ><style>p{}</style >\
         <script>if (a<b && c>d) x='</scrip';</script>\
         <script><!-- document.write('<script>x</script>') --></script>\
         <script><!--<script></script>--></script>\
         <script>a<!-->b</script>\
         <script type=\"application/ld+json\">{\"a\":\"</p>\"}</script>\
         <script type='application/ld+json; charset=utf-8'><!-- {\"b\":1} --></script></head>\
         <body><textarea>\n<b>not bold</b> &lt;</textarea><xmp><i>raw</i></xmp>\
         <noscript><p>no</p></noscript><iframe><p>frame</p></iframe><p>after</p>",
        "<p>before<plaintext><b>all text</b></plaintext>",
        "<script>unterminated script <p>x",
        "<style>unterminated style",
        "<title>unterminated title",
        // Foreign content: CDATA, breakout, self-closing, attributes.
        "<svg viewBox='0 0 1 1'><![CDATA[a<b]]><title>t</title><path d='M0'/><p>out</p></svg>\
         <math><mi>x</mi><annotation-xml encoding='text/html'><p>h</p></annotation-xml></math>\
         <p><![CDATA[not cdata]]></p>",
        // Tables, foster parenting, adoption agency.
        "<table><tr><td>a</td>stray<p>p</table><b><i>x</b>y</i><a href=1><div>d<a href=2>e</a></div></a>",
        // Newlines and BOM.
        "\u{feff}<p>a\r\nb\rc\n</p><pre>\r\nx</pre><textarea>\r\n\r\ny</textarea>",
        // Tag or attribute cut off by the end of the input.
        "<p>text<a href=\"/unfinished",
        "<p>text<a href=x",
        "<p>text<a",
        "<p>text</a",
        "<p>text</",
        "<p>text<",
        "<p>text&",
        "<p>text&am",
        "<p>text&#x4",
        "",
        "<",
        "<!",
        "<!-",
        "<!DOCTYPE",
        "\0",
    ];
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if let Err(diff) = same(case) {
            failures.push(format!("case {i} {case:?}:\n{diff}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
