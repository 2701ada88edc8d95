//! Search: a request -> a tantivy query -> ranked, collapsed, highlighted hits.
//!
//! [`Engine`] parses the user's query with tantivy's query syntax over
//! title (weight [`TITLE_BOOST`]), body and caption, adds the date and kind filters, ranks
//! passages by BM25, keeps at most `per_article` passages per article
//! (`collapse`, while tantivy scores them, or [`union`] a query of
//! words), and
//! highlights each hit ([`highlight`]; a long list of hits on several
//! threads, [`fetch`]). With a date filter it also counts
//! the matching undated articles that the filter left out.

pub mod article;
mod collapse;
mod columns;
mod eight;
pub mod explain;
pub mod fetch;
pub mod guard;
pub mod highlight;
pub mod matcher;
pub mod preload;
pub mod range;
pub mod stored;
pub mod timeline;
pub mod union;

use crate::error::{Error, Result};
use crate::model::{ArticleKind, Hit};
use crate::store::NewsIndex;
use crate::store::analysis::query_tokenizers;
use crate::store::writer::FILE_KIND;
use chrono::NaiveTime;
use columns::Columns;
use highlight::{Highlight, match_spans};
use matcher::Matcher;
use range::DateRange;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::path::Path;
use std::time::Instant;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, DocAddress, IndexReader, ReloadPolicy, Searcher, Term};

/// The weight of a title match relative to a body match. The title is
/// indexed with every passage, so a title match already counts in each;
/// an extra boost measured worse (benches/relevance/README.md: x2 lost on
/// MAP against x1 on 10 of 14 judged topics), so the default is 1.
pub const TITLE_BOOST: f32 = 1.0;

/// A search as the engine takes it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub range: DateRange,
    pub limit: usize,
    pub per_article: usize,
    pub kind: Option<ArticleKind>,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// The order of hits.
    pub sort: Sort,
    /// Attach each hit's score explanation.
    pub explain: bool,
}

/// The order of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// By BM25 score.
    #[default]
    Relevance,
    /// Newest first (undated last; equal dates by score).
    Newest,
    /// Oldest first (undated last; equal dates by score).
    Oldest,
}

impl SearchRequest {
    /// A request with the defaults: 10 hits, 1 per article, no filters.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            range: DateRange::default(),
            limit: 10,
            per_article: 1,
            kind: None,
            snippet_chars: 240,
            sort: Sort::Relevance,
            explain: false,
        }
    }
}

/// How passage scores become an article's score in a ranking of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Collapse {
    /// The article's best passage.
    #[default]
    Max,
    /// The sum over its passages among the top passages retrieved.
    Sum,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Matching undated articles left out by the date filter.
    pub undated_excluded: usize,
    /// How long its two stages took.
    pub stages: Stages,
}

/// The wall time of a search's two stages: `ranking` (the query parsed
/// and filtered, passages ranked and collapsed to their articles) and
/// `hits` (the hits read from the doc store, highlighted and, when asked,
/// explained). `search --batch --timings` reports both.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stages {
    pub ranking: std::time::Duration,
    pub hits: std::time::Duration,
}

/// A request's query, ready to run.
struct Filtered {
    /// The user's query alone (what highlights and explanations read).
    user: Box<dyn Query>,
    /// With the request's filters.
    query: Box<dyn Query>,
    /// Matching undated articles that the date filter leaves out.
    undated_excluded: usize,
}

/// A searcher over one index.
pub struct Engine {
    ni: NewsIndex,
    reader: IndexReader,
    /// Parses a query's words over title, body and caption.
    parser: QueryParser,
    /// Over title and body: for an index none of whose segments holds a
    /// caption word ([`Columns::captions`]).
    uncaptioned: QueryParser,
    title_boost: f32,
    fetcher: fetch::Fetcher,
    /// Article ids by segment, read on the first ranking of articles.
    ids: columns::ArticleIds,
    /// The fast-field columns of the segments searched last.
    columns: columns::ColumnCache,
    /// Stored passages held in memory ([`Engine::preload`]).
    held: preload::Preloaded,
}

impl Engine {
    /// Opens the index at `path` for searching.
    pub fn open(path: &Path) -> Result<Engine> {
        Engine::new(NewsIndex::open(path)?)
    }

    /// Searches an opened index.
    pub fn new(ni: NewsIndex) -> Result<Engine> {
        let reader = ni
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let f = ni.fields;
        // Title weighting is applied by `guard::rebuild`, not the parser.
        // One set of analyzers for both parsers (a manager's clones share it).
        let tokenizers = query_tokenizers(ni.stemming);
        let parser = |fields| QueryParser::new(ni.index.schema(), fields, tokenizers.clone());
        Ok(Engine {
            parser: parser(vec![f.title, f.body, f.caption]),
            uncaptioned: parser(vec![f.title, f.body]),
            ni,
            reader,
            title_boost: TITLE_BOOST,
            fetcher: fetch::Fetcher::default(),
            ids: columns::ArticleIds::default(),
            columns: columns::ColumnCache::default(),
            held: preload::Preloaded::default(),
        })
    }

    /// The index being searched.
    pub fn index(&self) -> &NewsIndex {
        &self.ni
    }

    /// Sets the weight of title matches (default [`TITLE_BOOST`]).
    pub fn set_title_boost(&mut self, boost: f32) {
        self.title_boost = boost;
    }

    /// Reads and highlights a search's hits on `threads` threads (default:
    /// one per core; 1 reads them on the calling thread). Only lists of
    /// [`fetch::PARALLEL_FROM`] hits or more are shared. A program that
    /// runs several searches at once on its own threads may want 1: each
    /// search would otherwise bring its helpers.
    pub fn set_threads(&mut self, threads: usize) {
        self.fetcher = fetch::Fetcher::with_threads(threads);
    }

    /// Runs `work` on one of the threads that read a search's hits, when
    /// there are several ([`Engine::set_threads`]). A program that runs
    /// many searches in a row (a batch) calls them in here: a search on
    /// one of these threads waits for its helpers by taking what they have
    /// not started or spinning briefly, where a search from any other
    /// thread goes to sleep and must be woken, which on some machines
    /// (virtual ones) takes tens of microseconds (benches/README.md, "What
    /// was tried").
    pub fn on_pool<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.fetcher.install(work)
    }

    /// Holds the stored passages of the current commit's segments in
    /// memory, as many segments as fit in `max_bytes`, so that hits no
    /// longer read them from the doc store ([`preload`]). For a process
    /// that answers many queries; it replaces what an earlier call held.
    pub fn preload(&mut self, max_bytes: usize) -> Result<preload::PreloadReport> {
        self.held = preload::Preloaded::load(&self.reader.searcher(), &self.ni.fields, max_bytes)?;
        Ok(self.held.report())
    }

    /// The fast-field columns of `searcher`'s segments.
    fn columns(&self, searcher: &Searcher) -> Result<std::sync::Arc<Columns>> {
        self.columns.of(searcher, self.ni.fields.caption)
    }

    /// A searcher over the current commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Sees the latest commit.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Parses a query string in tantivy's syntax.
    pub fn parse(&self, query: &str) -> Result<Box<dyn Query>> {
        self.parse_in(query, true)
    }

    /// Parses a query for segments that do or do not hold captions
    /// ([`Columns::captions`]): without, a word is not looked for in the
    /// caption field, where it cannot match (`caption:` still can be).
    fn parse_in(&self, query: &str, captions: bool) -> Result<Box<dyn Query>> {
        if query.trim().is_empty() {
            return Err(Error::Query {
                query: query.into(),
                reason: "the query is empty".into(),
            });
        }
        let err = |reason: String| Error::Query {
            query: query.into(),
            reason,
        };
        let ast = tantivy::query_grammar::parse_query(query)
            .map_err(|_| err(format!("syntax error in {query:?}")))?;
        let parser = if captions {
            &self.parser
        } else {
            &self.uncaptioned
        };
        let q = guard::build(parser, ast, self.ni.fields.title, self.title_boost)
            .map_err(|e| err(e.to_string()))?;
        // Some mistakes only show when the query is prepared (`nosuchfield:*`
        // names a field that does not exist): a query error, found here.
        // Words alone make term queries over the text fields, which
        // cannot fail there (the check was about 16,000 instructions a
        // query: benches/README.md, "What was tried").
        if query
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b.is_ascii_whitespace())
        {
            return Ok(q);
        }
        let schema = self.ni.index.schema();
        q.weight(tantivy::query::EnableScoring::disabled_from_schema(&schema))
            .map_err(|e| err(e.to_string()))?;
        Ok(q)
    }

    /// The request's query with its filters, and the count of matching
    /// undated articles that the date filter leaves out (0 without one).
    fn filtered(
        &self,
        searcher: &Searcher,
        columns: &Columns,
        req: &SearchRequest,
    ) -> Result<Filtered> {
        let user = self.parse_in(&req.query, columns.captions)?;
        let f = &self.ni.fields;
        let base = || {
            let mut clauses = self.articles_only(&*user);
            if let Some(k) = req.kind {
                clauses.push((
                    Occur::Must,
                    term_query(Term::from_field_text(f.kind, k.as_str())),
                ));
            }
            clauses
        };
        let mut filters = base();
        let mut undated_excluded = 0;
        if req.range.is_set() {
            let mut undated = base();
            undated.push((Occur::Must, term_query(Term::from_field_u64(f.dated, 0))));
            undated_excluded =
                Self::count_articles(searcher, columns, &BooleanQuery::new(undated))?;
            filters.push((Occur::Must, date_query(f.date, req.range)));
        }
        let query = match filters.len() {
            // The user's query alone keeps tantivy's block-WAND path (a
            // boolean query with a negative clause ranks every match).
            1 => filters.pop().map_or_else(|| user.box_clone(), |(_, q)| q),
            _ => Box::new(BooleanQuery::new(filters)),
        };
        Ok(Filtered {
            user,
            query,
            undated_excluded,
        })
    }

    /// `user` as the clauses of a query for articles and teasers: the
    /// index's file records left out, unless `user` cannot match them (it
    /// only asks for words of the text fields, which file records lack).
    fn articles_only(&self, user: &dyn Query) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.ni.fields;
        let mut clauses = vec![(Occur::Must, user.box_clone())];
        if !guard::only_in(user, &[f.title, f.body, f.caption]) {
            clauses.push((
                Occur::MustNot,
                term_query(Term::from_field_text(f.kind, FILE_KIND)),
            ));
        }
        clauses
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let f = &self.ni.fields;
        // Article keys, ordinals and dates: read while ranking and for hits.
        let columns = self.columns(&searcher)?;
        let Filtered {
            user,
            query,
            undated_excluded,
        } = self.filtered(&searcher, &columns, req)?;
        let held = self.held.for_searcher(&searcher);
        let job = fetch::Job {
            searcher: &searcher,
            held: &held,
            columns: &columns,
            fields: f,
            user: &*user,
            snippet_chars: req.snippet_chars,
            explain: req.explain,
        };
        let matcher = || Matcher::new(query_words_of(&*user, f), self.ni.stemming);
        let rank = || {
            Ok(match req.sort {
                Sort::Relevance => collapse::top_passages(
                    &searcher,
                    &columns,
                    &query,
                    req.limit,
                    req.per_article.max(1),
                )?,
                Sort::Newest | Sort::Oldest => self.by_date(
                    &searcher,
                    &columns,
                    &query,
                    req.limit,
                    req.per_article.max(1),
                    req.sort,
                )?,
            })
        };
        let (hits, ranked) = self.fetcher.ranked_hits(&job, req.limit, &matcher, rank)?;
        Ok(SearchResults {
            hits,
            undated_excluded,
            stages: Stages {
                ranking: ranked - started,
                hits: ranked.elapsed(),
            },
        })
    }

    /// The top `depth` articles for a query, each scored from its passages
    /// (see [`Collapse`]), best first. This is what evaluation ranks.
    pub fn rank_articles(
        &self,
        query: &str,
        range: DateRange,
        depth: usize,
        collapse: Collapse,
    ) -> Result<Vec<(String, f32)>> {
        let searcher = self.reader.searcher();
        let columns = self.columns(&searcher)?;
        let user = self.parse_in(query, columns.captions)?;
        if depth == 0 {
            return Ok(Vec::new());
        }
        let f = &self.ni.fields;
        let mut clauses = self.articles_only(&*user);
        if range.is_set() {
            clauses.push((Occur::Must, date_query(f.date, range)));
        }
        let query: Box<dyn Query> = match clauses.len() {
            1 => user,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        let scored = match collapse {
            Collapse::Max => collapse::top_articles(&searcher, &columns, &query, depth)?,
            Collapse::Sum => self.summed(&searcher, &query, depth)?,
        };
        // Ids only for the top `depth` (and any tied with the last).
        let addrs: Vec<DocAddress> = scored.iter().map(|s| s.1).collect();
        let ids = self.ids.of(&searcher, &addrs)?;
        let mut out: Vec<(String, f32)> = ids.into_iter().zip(scored.iter().map(|s| s.0)).collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        out.truncate(depth);
        Ok(out)
    }

    /// The top `depth` articles scored by the sum of their passages among
    /// the top passages retrieved, and every article tied with the last,
    /// best first: a top list of passages fetched further until it holds
    /// `depth` articles and every passage down to the last one's score.
    fn summed(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        depth: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let cols = self.columns(searcher)?;
        let total = usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1);
        let mut fetch = depth.saturating_mul(4).clamp(1, total);
        let scored = loop {
            let top = searcher.search(query, &TopDocs::with_limit(fetch).order_by_score())?;
            let exhausted = top.len() < fetch || fetch >= total;
            let mut by_article: HashMap<u64, (f32, DocAddress)> = HashMap::new();
            for (score, addr) in &top {
                let key = cols.key(*addr);
                by_article
                    .entry(key)
                    .and_modify(|(s, _)| *s += score)
                    .or_insert((*score, *addr));
            }
            if exhausted {
                break by_article;
            }
            if by_article.len() >= depth {
                // Every article tied with the last one kept must be here too.
                let mut best: Vec<f32> = by_article.values().map(|v| v.0).collect();
                best.select_nth_unstable_by(depth - 1, |a, b| b.total_cmp(a));
                if complete_down_to(&top, best[depth - 1]) {
                    break by_article;
                }
            }
            fetch = fetch.saturating_mul(4).min(total);
        };
        let mut scored: Vec<(f32, DocAddress)> = scored.into_values().collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        if let Some(&(cut, _)) = scored.get(depth.saturating_sub(1)) {
            scored.retain(|(s, _)| *s >= cut);
        }
        Ok(scored)
    }

    /// Every matching passage ordered by date (newest or oldest first,
    /// undated last, equal dates by score), at most `per_article` per article.
    fn by_date(
        &self,
        searcher: &Searcher,
        cols: &Columns,
        query: &dyn Query,
        limit: usize,
        per_article: usize,
        sort: Sort,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let matching = searcher.search(query, &tantivy::collector::Count)?;
        if matching == 0 || limit == 0 {
            return Ok(Vec::new());
        }
        let all = searcher.search(query, &TopDocs::with_limit(matching).order_by_score())?;
        let mut dated = Vec::with_capacity(all.len());
        for (score, addr) in all {
            dated.push((cols.day(addr), score, addr));
        }
        dated.sort_by(|a, b| {
            let by_day = match (a.0, b.0) {
                (Some(x), Some(y)) if sort == Sort::Newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            by_day
                .then(b.1.total_cmp(&a.1))
                .then_with(|| cols.tie(a.2).cmp(&cols.tie(b.2)))
        });
        let mut per: HashMap<u64, usize> = HashMap::new();
        let mut out = Vec::with_capacity(limit);
        for (_, score, addr) in dated {
            let n = per.entry(cols.key(addr)).or_insert(0);
            if *n < per_article {
                *n += 1;
                out.push((score, addr));
                if out.len() == limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// How many matching articles were published per period.
    pub fn timeline(
        &self,
        req: &SearchRequest,
        by: Option<timeline::Period>,
    ) -> Result<timeline::Timeline> {
        let searcher = self.reader.searcher();
        let cols = self.columns(&searcher)?;
        let Filtered {
            query,
            undated_excluded,
            ..
        } = self.filtered(&searcher, &cols, req)?;
        let docs = searcher.search(&query, &DocSetCollector)?;
        let mut articles: HashMap<u64, Option<chrono::NaiveDate>> = HashMap::new();
        for addr in docs {
            let key = cols.key(addr);
            let day = cols.day(addr);
            articles.entry(key).or_insert(day);
        }
        let days: Vec<_> = articles.values().flatten().copied().collect();
        let undated = articles.values().filter(|d| d.is_none()).count() + undated_excluded;
        Ok(timeline::build(&days, undated, by))
    }

    /// The number of distinct articles with a passage matching `query`.
    fn count_articles(searcher: &Searcher, cols: &Columns, query: &dyn Query) -> Result<usize> {
        let docs = searcher.search(query, &DocSetCollector)?;
        let mut keys = HashSet::new();
        for addr in docs {
            keys.insert(cols.key(addr));
        }
        Ok(keys.len())
    }
}

/// Whether a best-first top-N list holds every document scoring at least
/// `score`. Of equal scores at its cut tantivy keeps whichever it met
/// first, so the list is complete for `score` only below its last score
/// (or when it holds every match).
fn complete_down_to(top: &[(f32, DocAddress)], score: f32) -> bool {
    top.last().is_none_or(|&(last, _)| last < score)
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

fn date_query(field: Field, range: DateRange) -> Box<dyn Query> {
    let day = |d: chrono::NaiveDate| {
        let secs = d.and_time(NaiveTime::MIN).and_utc().timestamp();
        Term::from_field_date_for_search(field, DateTime::from_timestamp_secs(secs))
    };
    let lower = range
        .since
        .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
    let upper = range
        .until
        .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
    Box::new(RangeQuery::new(lower, upper))
}

/// The analyzed words of a query's text terms (title, body, caption).
pub fn query_words_of(query: &dyn Query, f: &crate::store::schema::Fields) -> HashSet<String> {
    let mut out = HashSet::new();
    query.query_terms(&mut |term, _| {
        let field = term.field();
        if (field == f.body || field == f.title || field == f.caption)
            && let Some(s) = term.value().as_str()
        {
            out.insert(s.to_string());
        }
    });
    out
}

/// Highlights the words of `text` whose analyzed form is a query word.
pub fn highlight_text(text: &str, matcher: &mut Matcher, max_chars: usize) -> Highlight {
    let words = matcher.matches(text);
    highlight::highlight(text, &match_spans(text, words), max_chars)
}
