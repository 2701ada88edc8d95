//! newsidx: full-text search over news articles.
//!
//! The pipeline, one folder per stage:
//!
//! - [`ingest`]: files -> [`model::RawDocument`] -> cleaned
//!   [`model::Article`]s (a lead and its teasers, each dated or not) ->
//!   sentence-aligned [`model::Passage`]s;
//! - [`store`]: the tantivy schema, the `news` analyzer (accent folding,
//!   English stemming) and the writer;
//! - [`search`]: query parsing, date filters, per-article collapsing,
//!   highlighting -> [`model::Hit`]s;
//! - [`eval`]: TREC topics, qrels and runs, and trec_eval's metrics;
//! - [`render`]: text and JSON printers over any `Write`;
//! - [`cli`]: the command line.
//!
//! ```
//! use newsidx::ingest::{ingest, IngestConfig};
//! use newsidx::search::{Engine, SearchRequest};
//!
//! let dir = tempfile::tempdir()?;
//! let page = dir.path().join("page.txt");
//! std::fs::write(&page, "Headline about lithium\n\nSerbian President Aleksandar Vučić spoke.")?;
//! let index = dir.path().join("index");
//! let summary = ingest(&IngestConfig::new(vec![page], index.clone()))?;
//! assert_eq!(summary.articles, 1);
//!
//! let engine = Engine::open(&index)?;
//! let results = engine.search(&SearchRequest::new("vucic"))?;
//! let hit = &results.hits[0];
//! let [a, b] = hit.highlights[0];
//! assert_eq!(&hit.snippet[a..b], "Vučić");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod cli;
pub mod error;
pub mod eval;
pub mod ingest;
pub mod model;
pub mod render;
pub mod search;
pub mod store;

pub use error::{Error, Result};
