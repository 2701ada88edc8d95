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
//! Re-ingest is incremental: a file whose content hash (and passage size)
//! matches its marker is skipped; a changed file's documents are deleted and
//! written anew in the same commit; `prune` deletes files that are gone.
//! A file that fails to read keeps what the index already had of it.

pub mod chunk;
pub mod clean;
pub mod dates;
pub mod html;
pub mod jsonl;
pub mod sections;
pub mod source;
pub mod strings;
pub mod text;
pub mod wrap;

use crate::error::{Error, Result};
use crate::model::{Article, ArticleKind, Dated, Passage, RawDocument};
use crate::store::writer::{self, FileRecord, NewsWriter};
use crate::store::{NewsIndex, Settings};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use source::{Format, SourceFile};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::TantivyDocument;

/// The default passage size in words.
pub const DEFAULT_PASSAGE_WORDS: usize = 120;

/// The most text one article keeps; the rest is cut, with a note.
pub const MAX_ARTICLE_BYTES: usize = 2 << 20;
/// The most of one page file read (`.txt`, `.html`); the rest is cut.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The longest JSON Lines record read; a longer line is skipped.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// Records of a JSON Lines file processed together. Their documents wait
/// in memory until the indexing thread takes them: 2,048 records put a 16x
/// Reuters ingest at 65 MB of private memory under `--memory-mb 64`, 512
/// at 57 MB, with no measurable change in speed (benches/README.md).
const BATCH_LINES: usize = 512;
/// A batch of JSON Lines ends early once its records hold this many bytes
/// (unparsed text waits for the workers).
const BATCH_BYTES: usize = 8 << 20;
/// Small files read and processed together.
const BATCH_FILES: usize = 256;

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
    /// Indexing threads.
    pub threads: usize,
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
            threads: default_threads(),
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
            id: format!("{}#0", article.id),
            ordinal: 0,
            offset: 0,
            text: article.title.clone(),
        }];
    }
    ranges
        .into_iter()
        .enumerate()
        .map(|(n, r)| Passage {
            id: format!("{}#{n}", article.id),
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
    let (bytes, _) = match read_capped(&file.path, MAX_FILE_BYTES) {
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

/// Indexing threads by default: one per three cores, at least one, at
/// most four. Ingest's workers analyze the text (`store::analysis`), so an
/// indexing thread only builds postings: about a third of a Reuters
/// ingest's CPU on two cores (benches/README.md). A second thread pays
/// for itself only with the cores to keep both fed, and costs a merge at
/// the end (a fifth of the wall time on two cores).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 3).clamp(1, 4))
}

/// A JSON Lines record read but not yet parsed (the workers parse it), or
/// why it could not be read.
enum Pending {
    Record {
        line: usize,
        bytes: std::ops::Range<usize>,
    },
    Failed(Error),
}

/// Counts and documents produced from some raw documents.
#[derive(Default)]
struct Batch {
    docs: Vec<TantivyDocument>,
    errors: Vec<Error>,
    notes: Vec<String>,
    articles: usize,
    teasers: usize,
    passages: usize,
    undated: usize,
}

impl Batch {
    fn absorb(&mut self, other: Batch) {
        self.docs.extend(other.docs);
        self.errors.extend(other.errors);
        self.notes.extend(other.notes);
        self.articles += other.articles;
        self.teasers += other.teasers;
        self.passages += other.passages;
        self.undated += other.undated;
    }
}

fn build_batch(
    ni: &NewsIndex,
    key: &str,
    raws: Vec<Result<RawDocument>>,
    cfg: &IngestConfig,
) -> Batch {
    build_batch_with(ni, key, raws, |raw| raw, cfg)
}

/// [`build_batch`] of items that become raw documents on the workers
/// (`read`: JSON Lines records are parsed there, not on the reading thread).
/// The documents keep the items' order.
fn build_batch_with<T: Send>(
    ni: &NewsIndex,
    key: &str,
    items: Vec<T>,
    read: impl Fn(T) -> Result<RawDocument> + Sync + Send,
    cfg: &IngestConfig,
) -> Batch {
    items
        .into_par_iter()
        .map(|item| {
            let mut b = Batch::default();
            match read(item) {
                Err(e) => b.errors.push(e),
                Ok(mut raw) => {
                    b.notes.extend(cap_text(&mut raw));
                    for p in process(&raw, cfg.passage_words, cfg.default_date) {
                        match p.article.kind {
                            ArticleKind::Lead => b.articles += 1,
                            ArticleKind::Teaser => b.teasers += 1,
                        }
                        b.undated += usize::from(p.article.date.is_none());
                        b.passages += p.passages.len();
                        b.docs.extend(writer::documents(
                            &ni.fields,
                            key,
                            &p.article,
                            &p.passages,
                            ni.stemming,
                        ));
                    }
                }
            }
            b
        })
        .reduce(Batch::default, |mut a, b| {
            a.absorb(b);
            a
        })
}

/// The hash recorded for a file: its content and the settings that shape
/// its documents.
fn file_hash(content: blake3::Hash, cfg: &IngestConfig) -> String {
    let date = cfg.default_date.map(|d| d.to_string()).unwrap_or_default();
    format!("{}:{}:{date}", content.to_hex(), cfg.passage_words)
}

fn hash_reader(path: &Path) -> Result<blake3::Hash> {
    let f = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(f).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(hasher.finalize())
}

/// Opens a file for reading, decompressing `.gz` files.
pub fn open_reader(path: &Path) -> Result<Box<dyn Read + Send>> {
    let f = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(if source::is_gzip(path) {
        Box::new(flate2::read::MultiGzDecoder::new(f))
    } else {
        Box::new(f)
    })
}

/// Reads at most `cap` bytes of a file (decompressed); also returns the
/// size it had (decompressed, as far as it was read plus one byte when cut).
pub fn read_capped(path: &Path, cap: u64) -> Result<(Vec<u8>, u64)> {
    let err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    open_reader(path)?
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(err)?;
    let total = bytes.len() as u64;
    if total > cap {
        bytes.truncate(cap as usize);
        // The real size is unknown without reading it all; report what we know.
        let rest = std::fs::metadata(path).map_or(total, |m| m.len().max(total));
        return Ok((bytes, rest));
    }
    Ok((bytes, total))
}

/// Reads one line (through `\n`) into `buf`, keeping at most `cap` bytes
/// of it: returns the bytes consumed and whether the line fit. Memory stays
/// bounded by `cap` however long the line.
pub fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut whole = true;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed, whole));
        }
        let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..=i], true),
            None => (chunk, false),
        };
        let len = piece.len();
        if whole && buf.len() + len <= cap {
            buf.extend_from_slice(piece);
        } else {
            whole = false;
            buf.clear();
        }
        r.consume(len);
        consumed += len;
        if done {
            return Ok((consumed, whole));
        }
    }
}

/// State shared by one ingest run.
struct Run<'a> {
    cfg: &'a IngestConfig,
    ni: &'a NewsIndex,
    writer: NewsWriter,
    manifest: HashMap<String, FileRecord>,
    summary: IngestSummary,
    since_commit: usize,
    bar: ProgressBar,
}

impl Run<'_> {
    fn add(&mut self, batch: Batch) -> Result<()> {
        self.summary.articles += batch.articles;
        self.summary.teasers += batch.teasers;
        self.summary.passages += batch.passages;
        self.summary.undated += batch.undated;
        self.summary
            .failures
            .extend(batch.errors.iter().map(ToString::to_string));
        self.summary.notes.extend(batch.notes);
        self.since_commit += batch.docs.len();
        self.writer.add(batch.docs)?;
        if self.since_commit >= self.cfg.commit_every {
            self.writer.commit()?;
            self.since_commit = 0;
        }
        Ok(())
    }

    fn fail(&mut self, e: &Error) {
        self.summary.files_failed += 1;
        self.summary.failures.push(e.to_string());
    }

    fn unchanged(&self, file: &SourceFile, hash: &str) -> bool {
        self.manifest.get(&file.key).is_some_and(|r| r.hash == hash)
    }

    /// Small files: read, hash and process a batch of them in parallel.
    fn small_files(&mut self, files: &[SourceFile]) -> Result<()> {
        for group in files.chunks(BATCH_FILES) {
            let results: Vec<_> = group
                .par_iter()
                .map(|file| {
                    let hash = file_hash(hash_reader(&file.path)?, self.cfg);
                    if self.unchanged(file, &hash) {
                        let len = std::fs::metadata(&file.path).map_or(0, |m| m.len());
                        return Ok((file, hash, len, None));
                    }
                    let (bytes, total) = read_capped(&file.path, MAX_FILE_BYTES)?;
                    let mut notes = Vec::new();
                    if total > bytes.len() as u64 {
                        notes.push(format!(
                            "{}: only the first {} MiB of {:.1} MiB read",
                            file.path.display(),
                            MAX_FILE_BYTES >> 20,
                            total as f64 / f64::from(1u32 << 20)
                        ));
                    }
                    let mut raws = read_document(file, &bytes, &mut notes);
                    // A file that could not be read keeps its old documents.
                    if raws.len() == 1
                        && let Some(Err(_)) = raws.first()
                        && let Some(Err(e)) = raws.pop()
                    {
                        return Err(e);
                    }
                    let mut batch = build_batch(self.ni, &file.key, raws, self.cfg);
                    batch.notes.extend(notes);
                    Ok((file, hash, total, Some(batch)))
                })
                .collect();
            for r in results {
                match r {
                    Err(e) => self.fail(&e),
                    Ok((_, _, len, None)) => {
                        self.summary.files_unchanged += 1;
                        self.bar.inc(len);
                    }
                    Ok((file, hash, len, Some(batch))) => {
                        self.writer.delete_file(&file.key);
                        self.add(batch)?;
                        self.writer
                            .mark_file(&file.key, &file.path.to_string_lossy(), &hash)?;
                        self.summary.files_indexed += 1;
                        self.bar.inc(len);
                    }
                }
            }
        }
        Ok(())
    }

    /// A JSON Lines file, streamed in batches of lines.
    fn json_lines(&mut self, file: &SourceFile) -> Result<()> {
        let hash = match hash_reader(&file.path) {
            Ok(h) => file_hash(h, self.cfg),
            Err(e) => {
                self.fail(&e);
                return Ok(());
            }
        };
        let len = std::fs::metadata(&file.path).map_or(0, |m| m.len());
        if self.unchanged(file, &hash) {
            self.summary.files_unchanged += 1;
            self.bar.inc(len);
            return Ok(());
        }
        let f = match open_reader(&file.path) {
            Ok(f) => f,
            Err(e) => {
                self.fail(&e);
                return Ok(());
            }
        };
        let mut reader = BufReader::with_capacity(1 << 20, f);
        let first = reader.fill_buf().map_or(0, |b| {
            b.iter()
                .find(|c| !c.is_ascii_whitespace())
                .copied()
                .unwrap_or(0)
        });
        if first == b'[' {
            // A JSON array cannot be streamed by line: read it whole.
            let mut bytes = Vec::new();
            if let Err(source) = reader.read_to_end(&mut bytes) {
                self.fail(&Error::Read {
                    path: file.path.clone(),
                    source,
                });
                return Ok(());
            }
            let mut notes = Vec::new();
            let raws = read_document(file, &bytes, &mut notes);
            let mut batch = build_batch(self.ni, &file.key, raws, self.cfg);
            batch.notes.extend(notes);
            self.writer.delete_file(&file.key);
            self.add(batch)?;
        } else {
            self.writer.delete_file(&file.key);
            let mut line_no = 0usize;
            let mut buf = Vec::new();
            let mut text = Vec::new();
            loop {
                let mut records = Vec::with_capacity(BATCH_LINES);
                text.clear();
                let mut bytes_read = 0u64;
                let mut eof = false;
                while records.len() < BATCH_LINES && text.len() < BATCH_BYTES {
                    buf.clear();
                    let n = read_line_capped(&mut reader, &mut buf, MAX_RECORD_BYTES).map_err(
                        |source| Error::Read {
                            path: file.path.clone(),
                            source,
                        },
                    );
                    let (n, whole) = match n {
                        Ok(n) => n,
                        Err(e) => {
                            records.push(Pending::Failed(e));
                            eof = true;
                            break;
                        }
                    };
                    if n == 0 {
                        eof = true;
                        break;
                    }
                    bytes_read += n as u64;
                    line_no += 1;
                    if !whole {
                        records.push(Pending::Failed(Error::BadInput {
                            path: file.path.clone(),
                            line: Some(line_no),
                            reason: format!(
                                "record of {:.1} MiB is over the {} MiB limit; skipped",
                                n as f64 / f64::from(1u32 << 20),
                                MAX_RECORD_BYTES >> 20
                            ),
                        }));
                        continue;
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let start = text.len();
                    text.extend_from_slice(&buf);
                    records.push(Pending::Record {
                        line: line_no,
                        bytes: start..text.len(),
                    });
                }
                let parse = |p: Pending| match p {
                    Pending::Failed(e) => Err(e),
                    Pending::Record { line, bytes } => match std::str::from_utf8(&text[bytes]) {
                        Ok(s) => jsonl::parse_line(file, line, s),
                        Err(e) => Err(Error::BadInput {
                            path: file.path.clone(),
                            line: Some(line),
                            reason: format!("invalid UTF-8 at column {}", e.valid_up_to() + 1),
                        }),
                    },
                };
                let batch = build_batch_with(self.ni, &file.key, records, parse, self.cfg);
                self.add(batch)?;
                self.bar.inc(bytes_read);
                if eof {
                    break;
                }
            }
        }
        self.writer
            .mark_file(&file.key, &file.path.to_string_lossy(), &hash)?;
        self.summary.files_indexed += 1;
        Ok(())
    }
}

/// Ingests the configured paths into the index (created if missing).
///
/// Per-file problems are collected in the summary and the rest continues;
/// only index-level problems (a locked or incompatible index) are errors.
pub fn ingest(cfg: &IngestConfig) -> Result<IngestSummary> {
    let started = Instant::now();
    let ni = NewsIndex::open_or_create(&cfg.index, cfg.stemming.unwrap_or(true))?;
    let settings = match ni.settings() {
        Some(s) if cfg.stemming.is_some_and(|want| want != s.stemming) => {
            return Err(Error::SettingsMismatch {
                path: cfg.index.clone(),
                reason: format!(
                    "it was built with stemming {}; stemming is fixed when an index is created",
                    if s.stemming { "on" } else { "off" }
                ),
            });
        }
        Some(mut s) => {
            s.passage_words = cfg.passage_words;
            s
        }
        None => Settings::with_stemming(cfg.passage_words, cfg.stemming.unwrap_or(true)),
    };
    let writer = NewsWriter::open(&ni, cfg.memory_bytes, cfg.threads, settings)?;
    let manifest = writer::manifest(&ni)?;
    let walk = source::walk(&cfg.paths);
    let total: u64 = walk
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let bar = if cfg.progress {
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut run = Run {
        cfg,
        ni: &ni,
        writer,
        manifest,
        summary: IngestSummary {
            files_found: walk.files.len(),
            files_skipped: walk.skipped,
            ..IngestSummary::default()
        },
        since_commit: 0,
        bar,
    };
    for e in &walk.errors {
        run.fail(e);
    }
    let (jsonl, small): (Vec<_>, Vec<_>) = walk
        .files
        .iter()
        .cloned()
        .partition(|f| f.format == Format::JsonLines);
    run.small_files(&small)?;
    for file in &jsonl {
        run.json_lines(file)?;
    }
    if cfg.prune {
        let gone: Vec<String> = run
            .manifest
            .keys()
            .filter(|k| !Path::new(k.as_str()).exists())
            .cloned()
            .collect();
        for key in gone {
            run.writer.delete_file(&key);
            run.summary.files_removed += 1;
        }
    }
    run.writer.commit()?;
    run.bar.finish_and_clear();
    let mut summary = run.summary;
    run.writer.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
