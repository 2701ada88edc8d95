//! Ingest: files on disk -> articles -> passages -> the index.
//!
//! The stages, in order:
//! 1. [`source`]: walk the paths, pick files by extension, read and decode;
//! 2. [`text`], [`html`], [`jsonl`]: turn each format into [`RawDocument`]s;
//! 3. [`clean`] + [`sections`]: drop boilerplate lines, split teaser blocks
//!    into their own articles, date each article ([`dates`]);
//! 4. [`chunk`]: cut each article into sentence-aligned passages;
//! 5. [`crate::store::writer`]: write passages and a per-file marker.
//!
//! [`strings`] holds the few string helpers several stages share.
//!
//! The run over them ([`ingest`]): [`read`] opens, caps and hashes files;
//! `batch` turns a batch of raw documents into tantivy documents on the
//! worker threads; `run` reads the files in batches, writes them and
//! commits.
//!
//! Re-ingest is incremental: a file whose content hash (and passage size)
//! matches its marker is skipped; a changed file's documents are deleted and
//! written anew in the same commit; `prune` deletes files that are gone.
//! A file that fails to read keeps what the index already had of it.

mod batch;
pub mod chunk;
pub mod clean;
pub mod dates;
pub mod html;
pub mod jsonl;
pub mod read;
mod run;
pub mod sections;
pub mod source;
pub mod strings;
pub mod text;
pub mod wrap;

use crate::error::{Error, Result};
use crate::model::{Article, Dated, Passage, RawDocument, passage_id};
use chrono::NaiveDate;
use source::{Format, SourceFile};
use std::path::PathBuf;

pub use run::ingest;

/// The default passage size in words.
pub const DEFAULT_PASSAGE_WORDS: usize = 120;

/// The most text one article keeps; the rest is cut, with a note.
pub const MAX_ARTICLE_BYTES: usize = 2 << 20;
/// The most of one page file read (`.txt`, `.html`); the rest is cut.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The longest JSON Lines record read; a longer line is skipped.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// The version of what ingest makes of a file: its articles, their
/// cleaned text, teasers, dates and passages. It is part of the hash each
/// file's marker records, so the first ingest into an index built by a
/// release with another version reads every file again instead of
/// keeping the older extraction of the unchanged ones. Raise it with any
/// change to what `newsidx extract` prints for some input.
///
/// 1: every index before the version was recorded. 2: hard-wrapped text
/// known by sentences that go on; agency sign-offs and `MORE` markers
/// dropped at a text's end. 3: wrapped lines that go on in capitals; a
/// dateline is a line with little but its date.
pub const EXTRACTION_VERSION: u32 = 3;

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub paths: Vec<PathBuf>,
    pub index: PathBuf,
    pub passage_words: usize,
    /// The date of undated articles from these paths.
    pub default_date: Option<NaiveDate>,
    /// Remove documents of files that no longer exist.
    pub prune: bool,
    /// The memory budget in bytes: bounds the peak private memory of the ingest.
    pub memory_bytes: usize,
    /// Indexing threads; `None`: [`default_threads`], or one for less
    /// than [`SMALL_INPUT_BYTES`] of input, a gzip file counted at four
    /// times its size ([`threads_for_input`]).
    pub threads: Option<usize>,
    /// Commit after this many new documents (bounds what a crash loses).
    pub commit_every: usize,
    /// Show a progress bar on stderr (only when it is a terminal).
    pub progress: bool,
    /// English stemming for a new index; `None` means on for a new index
    /// and whatever an existing index was built with. Asking for the
    /// opposite of an existing index's setting is an error.
    pub stemming: Option<bool>,
}

impl IngestConfig {
    /// Defaults for ingesting `paths` into `index`.
    pub fn new(paths: Vec<PathBuf>, index: PathBuf) -> Self {
        IngestConfig {
            paths,
            index,
            passage_words: DEFAULT_PASSAGE_WORDS,
            default_date: None,
            prune: false,
            memory_bytes: 256 << 20,
            threads: None,
            commit_every: 100_000,
            progress: false,
            stemming: None,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Default, Clone)]
pub struct IngestSummary {
    /// Supported files found.
    pub files_found: usize,
    /// Files (re)indexed in this run.
    pub files_indexed: usize,
    /// Files skipped because they had not changed.
    pub files_unchanged: usize,
    /// Files of unsupported types, not read.
    pub files_skipped: usize,
    /// Files removed by `--prune`.
    pub files_removed: usize,
    /// Indexed files whose content had not changed, read again because an
    /// older release extracted them.
    pub reread_for_version: usize,
    /// The extraction versions those files were indexed with, ascending.
    pub older_versions: Vec<u32>,
    /// Indexed files whose content had not changed, read again because
    /// the passage size or the default date differ from their last ingest.
    pub reread_for_settings: usize,
    /// Problems, each naming its file (and line).
    pub failures: Vec<String>,
    /// Files that failed as a whole (nothing of them indexed).
    pub files_failed: usize,
    /// What was changed on the way in (text cut to a cap, a legacy
    /// encoding decoded), each naming its file.
    pub notes: Vec<String>,
    pub articles: usize,
    pub teasers: usize,
    pub passages: usize,
    pub undated: usize,
    pub seconds: f64,
}

/// One article ready to index.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub article: Article,
    pub passages: Vec<Passage>,
}

/// Runs the cleaning, teaser, date and passage stages on one raw document.
pub fn process(
    raw: &RawDocument,
    passage_words: usize,
    default_date: Option<NaiveDate>,
) -> Vec<Prepared> {
    sections::build_articles(raw)
        .into_iter()
        .map(|mut article| {
            if article.date.is_none()
                && let Some(d) = default_date
            {
                article.date = Some(Dated {
                    date: d,
                    source: "--date".into(),
                });
            }
            let passages = cut(&article, passage_words);
            Prepared { article, passages }
        })
        .collect()
}

/// Cuts an article into passages; an article with no body gets one passage
/// made of its title, so that it can still be found.
pub fn cut(article: &Article, passage_words: usize) -> Vec<Passage> {
    let ranges = chunk::passages(&article.body, passage_words);
    if ranges.is_empty() {
        return vec![Passage {
            id: passage_id(&article.id, 0),
            ordinal: 0,
            offset: 0,
            text: article.title.clone(),
        }];
    }
    ranges
        .into_iter()
        .enumerate()
        .map(|(n, r)| Passage {
            id: passage_id(&article.id, n as u64),
            ordinal: n,
            offset: r.start,
            text: article.body[r].to_string(),
        })
        .collect()
}

/// Reads one whole file into raw documents; `notes` gets what was changed
/// on the way (a legacy encoding decoded, characters encoded twice repaired) and why a page yields nothing
/// (an HTML page that is not an article).
pub fn read_document(
    file: &SourceFile,
    bytes: &[u8],
    notes: &mut Vec<String>,
) -> Vec<Result<RawDocument>> {
    let bad = |reason: &str| {
        vec![Err(Error::BadInput {
            path: file.path.clone(),
            line: None,
            reason: reason.into(),
        })]
    };
    let text = match source::decode_text(&file.path, bytes) {
        Ok(d) => {
            if let Some(enc) = d.fallback {
                notes.push(format!(
                    "{}: not UTF-8; decoded as {enc}",
                    file.path.display()
                ));
            }
            if d.repaired > 0 {
                notes.push(format!(
                    "{}: {} characters encoded twice (UTF-8 read as Latin-1) repaired",
                    file.path.display(),
                    d.repaired
                ));
            }
            d.text
        }
        Err(e) => return vec![Err(e)],
    };
    if text.trim().is_empty() {
        return bad("empty file");
    }
    let (page, link_share) = match file.format {
        Format::Text => (text::read(file, &text), 0.0),
        Format::Html => html::read_page(file, &text),
        Format::JsonLines => return read_records(file, &text),
    };
    if page.text.trim().is_empty() && page.title.is_none() {
        return bad("no readable text (nothing but markup, scripts or styles)");
    }
    if file.format == Format::Html {
        if let Some(why) = html::not_an_article(&page, link_share) {
            notes.push(format!(
                "{}: not an article ({why}); not indexed",
                file.path.display()
            ));
            return Vec::new();
        }
    }
    vec![Ok(page)]
}

fn read_records(file: &SourceFile, text: &str) -> Vec<Result<RawDocument>> {
    match file.format {
        _ if text.trim_start().starts_with('[') => jsonl::parse_array(file, text),
        _ => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| jsonl::parse_line(file, i + 1, l))
            .collect(),
    }
}

/// Cuts a page's text to [`MAX_ARTICLE_BYTES`] (on a character boundary);
/// returns the note saying so when it did.
fn cap_text(raw: &mut RawDocument) -> Option<String> {
    if raw.text.len() <= MAX_ARTICLE_BYTES {
        return None;
    }
    let total = raw.text.len();
    let mut cut = MAX_ARTICLE_BYTES;
    while !raw.text.is_char_boundary(cut) {
        cut -= 1;
    }
    raw.text.truncate(cut);
    let at = raw.line.map(|l| format!(":{l}")).unwrap_or_default();
    Some(format!(
        "{}{at}: article text cut to {} MiB of {:.1} MiB",
        raw.source.display(),
        MAX_ARTICLE_BYTES >> 20,
        total as f64 / f64::from(1u32 << 20)
    ))
}

/// What ingest would index from one file: its articles (leads and
/// teasers, cleaned and dated) and its problems. Uses the same reading and
/// page-building stages as [`ingest`].
pub fn extract_file(file: &SourceFile) -> (Vec<Article>, Vec<Error>, Vec<String>) {
    let mut notes = Vec::new();
    let (bytes, _) = match read::read_capped(&file.path, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => return (Vec::new(), vec![e], notes),
    };
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for raw in read_document(file, &bytes, &mut notes) {
        match raw {
            Ok(mut raw) => {
                notes.extend(cap_text(&mut raw));
                articles.extend(sections::build_articles(&raw));
            }
            Err(e) => errors.push(e),
        }
    }
    (articles, errors, notes)
}

/// Indexing threads by default: two (one on a single core), and one per
/// three cores past six, at most four. Ingest's workers analyze the text
/// (`store::analysis`), so an indexing thread only builds postings, yet it
/// is the thread that finishes last: about half of a Reuters ingest's CPU
/// on two cores, ending with the segment written alone on one core. Two
/// threads share that work and write their two segments at the same time,
/// which an ingest keeps ([`NewsWriter::finish`](crate::store::writer::NewsWriter::finish)):
/// the median of three sets of alternating Reuters ingests on two cores
/// was 0.88x to 0.94x the wall time of one thread (benches/README.md,
/// "What was tried").
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| threads_for_cores(n.get()))
}

/// [`default_threads`] on a machine of `cores` cores.
fn threads_for_cores(cores: usize) -> usize {
    (cores / 3).clamp(cores.min(2), 4)
}

/// Input below which an ingest takes one indexing thread whatever the
/// cores. A thread brings its own term table (4 MB, which tantivy fills
/// as it makes it), arena and segment: for one page (`corpus/`) the
/// second thread was 2,700 of 9,900 page faults, and one thread took
/// 52 ms of wall time against 62 (`perf stat -r 20`); the first records
/// of Reuters-21578, one thread against two, alternated: 76 against 81 to
/// 84 ms for 0.25 MB, 95 against 96 to 109 for 0.5 MB, 134 against 119
/// to 136 for 1 MB, 191 against 164 to 174 for 2 MB (benches/README.md).
/// One segment is also one less for every search of a small index.
pub const SMALL_INPUT_BYTES: u64 = 1 << 20;

/// The indexing threads of an ingest of `input_bytes` when none were
/// asked for: one below [`SMALL_INPUT_BYTES`], else [`default_threads`].
pub fn threads_for_input(input_bytes: u64) -> usize {
    if input_bytes < SMALL_INPUT_BYTES {
        1
    } else {
        default_threads()
    }
}

#[cfg(test)]
mod tests {
    use super::{SMALL_INPUT_BYTES, default_threads, threads_for_cores, threads_for_input};

    #[test]
    fn two_indexing_threads_unless_one_core_and_more_only_past_six() {
        let threads: Vec<usize> = (1..=16).map(threads_for_cores).collect();
        assert_eq!(threads, [1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4]);
    }

    #[test]
    fn one_indexing_thread_for_a_small_input() {
        assert_eq!(threads_for_input(0), 1);
        assert_eq!(threads_for_input(SMALL_INPUT_BYTES - 1), 1);
        assert_eq!(threads_for_input(SMALL_INPUT_BYTES), default_threads());
        assert_eq!(threads_for_input(u64::MAX), default_threads());
    }
}
