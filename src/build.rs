//! Build script: writes jieba's IDF table, as jieba-rs ships it, into a
//! layout the library reads in place (`src/keywords/idf_table.rs`), so no
//! process has to load jieba-rs's `TfIdf` to know a word's IDF.
//!
//! jieba-rs keeps the table private; its `Debug` form is the one window on
//! it, listing every `"word": idf` pair and the median. The values are
//! printed in the shortest form that reads back to the same `f64`, so the
//! table written here holds exactly the numbers jieba-rs uses (a test in
//! `src/keywords/lexicon.rs` compares the two word by word). If the `Debug`
//! form cannot be read (a later jieba-rs may print it otherwise), an empty
//! table is written and the library falls back to loading jieba-rs's own
//! extractor at run time.

#[path = "keywords/idf_table.rs"]
#[allow(dead_code)]
mod idf_table;
#[path = "word_key.rs"]
#[allow(dead_code)]
mod word_key;

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=src/build.rs");
    println!("cargo::rerun-if-changed=src/keywords/idf_table.rs");
    println!("cargo::rerun-if-changed=src/word_key.rs");
    let debug = format!("{:?}", jieba_rs::TfIdf::default());
    // Should a later jieba-rs print the table otherwise, the build still
    // succeeds: it writes an empty table, and the library loads jieba-rs's
    // own extractor at run time instead (same keywords, slower start).
    let table = parse_tfidf_debug(&debug).and_then(|(entries, median)| {
        idf_table::write(&entries, median).ok_or_else(|| "the table does not fit the layout".into())
    });
    let bytes = table.unwrap_or_else(|e| {
        println!("cargo::warning=jianbao cannot compile in jieba's IDF table ({e}); keywords will load it at run time");
        idf_table::write(&[], f64::NAN).expect("an empty table fits")
    });
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("jieba_idf.bin"), bytes).expect("OUT_DIR is writable");
}

/// The `(word, idf)` pairs and the median of `TfIdf { idf_dict: {…},
/// median_idf: …, … }`, as `{:?}` prints it.
fn parse_tfidf_debug(debug: &str) -> Result<(Vec<(String, f64)>, f64), String> {
    let start = debug.find("idf_dict: {").ok_or("no idf_dict")? + "idf_dict: {".len();
    let mut rest = &debug[start..];
    let mut entries = Vec::new();
    loop {
        rest = rest.trim_start_matches([',', ' ']);
        if let Some(after) = rest.strip_prefix('}') {
            rest = after;
            break;
        }
        let (word, after) = parse_quoted(rest)?;
        let after = after
            .strip_prefix(": ")
            .ok_or_else(|| format!("no ': ' after {word:?}"))?;
        let (idf, after) = parse_number(after)?;
        entries.push((word, idf));
        rest = after;
    }
    let at = rest.find("median_idf: ").ok_or("no median_idf")? + "median_idf: ".len();
    let (median, _) = parse_number(&rest[at..])?;
    if entries.is_empty() {
        return Err("the table is empty".into());
    }
    Ok((entries, median))
}

/// A string in Rust's debug quoting at the start of `s`, and what follows.
fn parse_quoted(s: &str) -> Result<(String, &str), String> {
    let body = s
        .strip_prefix('"')
        .ok_or_else(|| format!("expected '\"' at {:?}", &s[..s.len().min(20)]))?;
    let mut word = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((word, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or("a string ends in '\\'")?;
                word.push(match e {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    '\\' | '"' | '\'' => e,
                    'u' => {
                        let hex: String = chars
                            .by_ref()
                            .map(|(_, c)| c)
                            .skip(1) // '{'
                            .take_while(|&c| c != '}')
                            .collect();
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("bad escape \\u{{{hex}}}"))?
                    }
                    other => return Err(format!("unknown escape \\{other}")),
                });
            }
            c => word.push(c),
        }
    }
    Err("a string is not closed".into())
}

/// A number printed by `{:?}` at the start of `s`, and what follows.
fn parse_number(s: &str) -> Result<(f64, &str), String> {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(s.len());
    let value = s[..end]
        .parse::<f64>()
        .map_err(|e| format!("bad number {:?}: {e}", &s[..end]))?;
    Ok((value, &s[end..]))
}
