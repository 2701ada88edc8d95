//! Finding input files and reading them into [`RawDocument`](crate::model::RawDocument)s.
//!
//! Input: paths from the command line. Output: the supported files under
//! them (walked recursively, in a stable sorted order), each with the format
//! its extension names and the article id its path gives; then, per file,
//! its raw documents. Unsupported files are counted, never read.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The input formats newsidx reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: a page dump, headline on the first line.
    Text,
    /// `.html`, `.htm`.
    Html,
    /// `.jsonl`, `.json`, `.ndjson`: one record per line (or a JSON array).
    JsonLines,
}

impl Format {
    /// The format a file's extension names, if supported; a `.gz` file
    /// has the format of the name without `.gz`.
    pub fn of(path: &Path) -> Option<Format> {
        if is_gzip(path) {
            return Format::of(Path::new(path.file_stem()?));
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "json" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// Whether a file is gzip-compressed, by its name.
pub fn is_gzip(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The file name without its format's extensions (`a.html.gz` -> `a`).
fn stem_path(path: &Path) -> std::path::PathBuf {
    let p = if is_gzip(path) {
        path.with_extension("")
    } else {
        path.to_path_buf()
    };
    p.with_extension("")
}

/// One input file found by the walk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as walked (relative if the argument was).
    pub path: PathBuf,
    /// A stable key for the file: its canonical absolute path.
    pub key: String,
    /// The id of the file's lead article: its path below the walked root,
    /// without extension, `/`-separated (`corpus/a/b.txt` walked from
    /// `corpus` is `a/b`; a file named directly is its file stem).
    pub id: String,
    pub format: Format,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<SourceFile>,
    /// Files of unsupported types.
    pub skipped: usize,
    /// Paths that could not be walked, with the reason.
    pub errors: Vec<Error>,
}

/// How much a gzip file is counted for in [`Walk::sizes`]' text: about
/// what news compresses by (2.9 for the Reuters JSON Lines, 5.1 for the
/// wcxb-dev HTML pages).
pub const GZIP_RATIO: u64 = 4;

impl Walk {
    /// The bytes of the files found, on disk (what a progress bar counts),
    /// and the text they hold (a gzip file at [`GZIP_RATIO`] times its
    /// size: what an ingest has to index). A file that cannot be read
    /// counts for nothing.
    pub fn sizes(&self) -> (u64, u64) {
        self.files
            .iter()
            .filter_map(|f| Some((f, std::fs::metadata(&f.path).ok()?.len())))
            .fold((0, 0), |(disk, text), (f, len)| {
                let unpacked = if is_gzip(&f.path) {
                    len.saturating_mul(GZIP_RATIO)
                } else {
                    len
                };
                (disk + len, text.saturating_add(unpacked))
            })
    }
}

/// Walks the given paths recursively (following links, detecting loops).
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    for root in paths {
        let base = if root.is_file() {
            root.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            root.clone()
        };
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let source = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                    out.errors.push(Error::Read { path, source });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path().to_path_buf();
            if is_hidden(&path, root) {
                continue;
            }
            let Some(format) = Format::of(&path) else {
                out.skipped += 1;
                continue;
            };
            let key = std::fs::canonicalize(&path)
                .unwrap_or_else(|_| path.clone())
                .to_string_lossy()
                .into_owned();
            let id = article_id(&path, &base);
            out.files.push(SourceFile {
                path,
                key,
                id,
                format,
            });
        }
    }
    out.files.sort_by(|a, b| a.key.cmp(&b.key));
    out.files.dedup_by(|a, b| a.key == b.key);
    out
}

fn is_hidden(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// The article id a file's path gives, relative to the walked root.
pub fn article_id(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let rel = stem_path(rel);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Decoded text, and how it was decoded when not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `Some("Windows-1252")` when the bytes were not UTF-8.
    pub fallback: Option<&'static str>,
    /// How many characters encoded twice were repaired; see
    /// [`repair_double_encoding`].
    pub repaired: usize,
}

/// Decodes file text: UTF-8 (a BOM is dropped); text that is not UTF-8 but
/// reads cleanly as Windows-1252 (Latin-1's superset: no control bytes
/// other than tab, CR and LF) is decoded as that and says so. Text with
/// NUL bytes is binary and refused; anything else is refused with the
/// line and byte offset of the first invalid byte.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    match decode(path, bytes) {
        Ok(text) => {
            let (text, repaired) = repair_double_encoding(text);
            Ok(Decoded {
                text,
                fallback: None,
                repaired,
            })
        }
        Err(e @ Error::BadInput { .. }) if memchr_nul(bytes).is_some() => Err(e),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let clean = !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
            if clean {
                Ok(Decoded {
                    text: text.into_owned(),
                    fallback: Some("Windows-1252"),
                    repaired: 0,
                })
            } else {
                Err(e)
            }
        }
    }
}

/// Repairs characters encoded twice: UTF-8 read as Latin-1 and written out
/// as UTF-8 again, as a page may carry it (`Investorâ\u{80}\u{99}s` for
/// `Investor’s`). Only a sequence that holds a C1 control character
/// (U+0080 to U+009F, which no text uses) and reads as one UTF-8 character
/// is repaired, so text that merely uses `â` or `Ã` is left alone. Returns
/// the text and how many characters were repaired.
pub fn repair_double_encoding(text: String) -> (String, usize) {
    // A C1 control is 0xC2 0x80..=0x9F in UTF-8: most texts have none
    // (a vectorised scan for the 0xC2 byte; it runs on every page).
    let bytes = text.as_bytes();
    let has_c1 = memchr::memchr_iter(0xC2, bytes)
        .any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)));
    if !has_c1 {
        return (text, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0;
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        let tail = match u32::from(c) {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if tail > 0 {
            // The Latin-1 bytes the characters stand for: a lead byte and
            // its continuation bytes, one of them a C1 control.
            let mut bytes = [u32::from(c) as u8, 0, 0, 0];
            let mut len = c.len_utf8();
            let mut c1 = false;
            let mut next = rest[len..].chars();
            let whole = (1..=tail).all(|k| match next.next() {
                Some(d) if (0x80..=0xBF).contains(&u32::from(d)) => {
                    bytes[k] = u32::from(d) as u8;
                    c1 |= u32::from(d) <= 0x9F;
                    len += d.len_utf8();
                    true
                }
                _ => false,
            });
            if whole
                && c1
                && let Ok(s) = std::str::from_utf8(&bytes[..=tail])
            {
                out.push_str(s);
                repaired += 1;
                rest = &rest[len..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    (out, repaired)
}

/// Decodes strict UTF-8 (a BOM is dropped). Text with NUL bytes is
/// binary and refused; invalid UTF-8 is refused with the byte offset.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = memchr_nul(bytes) {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            line: Some(line_of(bytes, pos)),
            reason: "binary content (NUL byte)".into(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(Error::BadInput {
            path: path.to_path_buf(),
            line: Some(line_of(bytes, e.valid_up_to())),
            reason: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        }),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_path_below_the_root() {
        assert_eq!(
            article_id(Path::new("corpus/a/b.txt"), Path::new("corpus")),
            "a/b"
        );
        assert_eq!(article_id(Path::new("x.html"), Path::new("")), "x");
    }

    #[test]
    fn a_gzip_file_counts_for_more_text_than_its_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.jsonl"), [b'x'; 100]).expect("write");
        std::fs::write(dir.path().join("b.jsonl.gz"), [b'x'; 300]).expect("write");
        std::fs::write(dir.path().join("c.pdf"), [b'x'; 50]).expect("write");
        let found = walk(&[dir.path().to_path_buf()]);
        assert_eq!(found.sizes(), (400, 100 + 300 * GZIP_RATIO));
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("a.htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.jsonl")), Some(Format::JsonLines));
        assert_eq!(Format::of(Path::new("a.pdf")), None);
        assert_eq!(Format::of(Path::new("README")), None);
        assert_eq!(Format::of(Path::new("p.html.gz")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("p.gz")), None);
        assert_eq!(
            article_id(Path::new("d/0001.html.gz"), Path::new("d")),
            "0001"
        );
    }

    #[test]
    fn latin1_text_is_decoded_and_said_so() {
        let p = Path::new("f.txt");
        let d = decode_text(p, b"Caf\xe9 cr\xe8me \x93quoted\x94").unwrap();
        assert_eq!(d.text, "Café crème “quoted”");
        assert_eq!(d.fallback, Some("Windows-1252"));
        assert!(decode_text(p, b"a\x81\x01b").is_err());
        assert!(decode_text(p, b"bin\0\xff").is_err());
        assert_eq!(decode_text(p, "Vučić".as_bytes()).unwrap().fallback, None);
    }

    #[test]
    fn text_encoded_twice_is_repaired() {
        let p = Path::new("f.html");
        let d = decode_text(
            p,
            "A DIY Investor\u{e2}\u{80}\u{99}s Guide \u{e2}\u{80}\u{94} 2025".as_bytes(),
        )
        .unwrap();
        assert_eq!(d.text, "A DIY Investor’s Guide — 2025");
        assert_eq!(d.repaired, 2);
        // No C1 control: `Ã©` and `â` are left as they are.
        let (t, n) = repair_double_encoding("Ã© and crème brûlée, Vučić".to_string());
        assert_eq!((t.as_str(), n), ("Ã© and crème brûlée, Vučić", 0));
        // A C1 control that reads as no character stays.
        let (t, n) = repair_double_encoding("x\u{e2}\u{80}y".to_string());
        assert_eq!((t.as_str(), n), ("x\u{e2}\u{80}y", 0));
    }

    proptest::proptest! {
        #[test]
        fn repair_undoes_double_encoding_and_leaves_other_text(
            s in "([a-z .]|’|—|“|”|…|ł|€){0,60}",
            plain in "[^\u{80}-\u{9f}]{0,60}",
        ) {
            // Each non-ASCII character above holds a C1 byte in UTF-8.
            let twice: String = s.bytes().map(char::from).collect();
            proptest::prop_assert_eq!(repair_double_encoding(twice).0, s);
            proptest::prop_assert_eq!(repair_double_encoding(plain.clone()), (plain, 0));
        }
    }

    #[test]
    fn decode_refuses_binary_and_bad_utf8_with_a_line() {
        let p = Path::new("f.txt");
        assert_eq!(decode(p, b"\xEF\xBB\xBFhi").unwrap(), "hi");
        let e = decode(p, b"a\nb\0").unwrap_err().to_string();
        assert_eq!(e, "f.txt:2: binary content (NUL byte)");
        let e = decode(p, b"ok\n\xff").unwrap_err().to_string();
        assert_eq!(e, "f.txt:2: invalid UTF-8 at byte 3");
    }
}
