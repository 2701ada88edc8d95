//! One ingest run: the files to read, in batches, to the index writer,
//! committed as they go; the manifest decides what is new, changed or
//! unchanged.

use super::batch::{
    BATCH_BYTES, BATCH_FILES, BATCH_LINES, Batch, Pending, build_batch, build_batch_with,
};
use super::jsonl;
use super::read::{
    Reread, file_hash, hash_reader, open_hashing_reader, read_capped, read_line_capped, why_reread,
};
use super::source::{self, Format, SourceFile};
use super::{IngestConfig, IngestSummary, MAX_FILE_BYTES, MAX_RECORD_BYTES, read_document};
use crate::error::{Error, Result};
use crate::store::writer::{self, FileRecord, NewsWriter};
use crate::store::{NewsIndex, Settings};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

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

    /// Counts a file read again with its content unchanged, by why.
    fn count_reread(&mut self, file: &SourceFile, hash: &str) {
        let Some(why) = self
            .manifest
            .get(&file.key)
            .and_then(|r| why_reread(&r.hash, hash))
        else {
            return;
        };
        let s = &mut self.summary;
        match why {
            Reread::Version(v) => {
                s.reread_for_version += 1;
                if let Err(at) = s.older_versions.binary_search(&v) {
                    s.older_versions.insert(at, v);
                }
            }
            Reread::Settings => s.reread_for_settings += 1,
        }
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
                        self.count_reread(file, &hash);
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
        // A file the index knows is hashed first, to skip it if unchanged;
        // a new one is hashed as it is read: one pass over it, not two (a
        // second read of a large dump from disk when it is not cached),
        // and the workers get the first records sooner (about 8 ms on
        // Reuters, what blake3 took over the whole file).
        let mut known = None;
        if self.manifest.contains_key(&file.key) {
            let hash = match hash_reader(&file.path) {
                Ok(h) => file_hash(h, self.cfg),
                Err(e) => {
                    self.fail(&e);
                    return Ok(());
                }
            };
            if self.unchanged(file, &hash) {
                self.summary.files_unchanged += 1;
                self.bar
                    .inc(std::fs::metadata(&file.path).map_or(0, |m| m.len()));
                return Ok(());
            }
            known = Some(hash);
        }
        let mut hasher = known.is_none().then(blake3::Hasher::new);
        let f = match open_hashing_reader(&file.path, hasher.as_mut()) {
            Ok(f) => f,
            Err(e) => {
                self.fail(&e);
                return Ok(());
            }
        };
        if !self.read_records(file, f)? {
            return Ok(());
        }
        // What was read of the file: all of it unless reading failed, and
        // then the next ingest sees another hash and reads it again.
        let hash = match (known, hasher) {
            (Some(hash), _) => hash,
            (None, Some(h)) => file_hash(h.finalize(), self.cfg),
            (None, None) => unreachable!("a file not yet indexed is hashed as it is read"),
        };
        self.writer
            .mark_file(&file.key, &file.path.to_string_lossy(), &hash)?;
        self.count_reread(file, &hash);
        self.summary.files_indexed += 1;
        Ok(())
    }

    /// Reads the records of a JSON Lines file (or a JSON array) from `f`
    /// into the index; `false` when the file could not be read, and is not
    /// to be marked as indexed.
    fn read_records(&mut self, file: &SourceFile, f: Box<dyn Read + Send + '_>) -> Result<bool> {
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
                return Ok(false);
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
        Ok(true)
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
    let walk = source::walk(&cfg.paths);
    let (total, text) = walk.sizes();
    let threads = cfg
        .threads
        .unwrap_or_else(|| super::threads_for_input(text));
    let writer = NewsWriter::open(&ni, cfg.memory_bytes, threads, settings)?;
    let manifest = writer::manifest(&ni)?;
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
