//! The parsed query, rebuilt: title weighting, phrase explanations that
//! keep tantivy's seek contract, and the words of a union of words, which
//! ranking scores on its own walk ([`super::union`]).
//!
//! tantivy 0.27's `PhraseWeight::explain` and `BooleanWeight::explain`
//! seek a fresh scorer to the document without first checking that the
//! scorer is not already past it (its `TermWeight::explain` does check). A
//! boolean query explains each of its clauses, also those that do not match
//! the document; when such a clause's first match in the segment lies after
//! the document, that is a backwards seek. A debug assertion fails (found by
//! fuzzing `--explain`); release builds happen to answer "does not match".
//! [`rebuild`] wraps every node but term queries in [`ExplainGuard`], whose
//! weight makes that check before delegating, and applies the title weight
//! itself (the parser's own boost wrapper hides the leaf inside it).

use super::union::WordUnion;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EnableScoring, Explanation, Occur, PhraseQuery, Query,
    QueryParser, QueryParserError, Scorer, TermQuery, Weight,
};
use tantivy::query_grammar::UserInputAst;
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// Builds the query for a parsed query string. A user's boost (`x^2`) is
/// built here, not by the parser, so that [`rebuild`] can still reach the
/// leaves under it (tantivy's `BoostQuery` does not expose its query).
pub fn build(
    parser: &QueryParser,
    ast: UserInputAst,
    title: Field,
    title_boost: f32,
) -> Result<Box<dyn Query>, QueryParserError> {
    fn has_boost(ast: &UserInputAst) -> bool {
        match ast {
            UserInputAst::Boost(..) => true,
            UserInputAst::Clause(c) => c.iter().any(|(_, a)| has_boost(a)),
            UserInputAst::Leaf(_) => false,
        }
    }
    if !has_boost(&ast) {
        let q = parser.build_query_from_user_input_ast(ast)?;
        return Ok(rebuild(q.as_ref(), title, title_boost));
    }
    match ast {
        UserInputAst::Boost(inner, boost) => Ok(Box::new(BoostQuery::new(
            build(parser, *inner, title, title_boost)?,
            boost.into_inner() as Score,
        ))),
        UserInputAst::Clause(children) => {
            let mut clauses = Vec::with_capacity(children.len() + 1);
            for (occur, child) in children {
                // The parser's default: any of the words (no conjunction set).
                let occur = occur.unwrap_or(Occur::Should);
                clauses.push((occur, build(parser, child, title, title_boost)?));
            }
            // As the parser does: only negative clauses mean "all but these".
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Should, Box::new(AllQuery)));
            }
            Ok(Box::new(ExplainGuard::unlabelled(&BooleanQuery::new(
                clauses,
            ))))
        }
        UserInputAst::Leaf(_) => unreachable!("a leaf holds no boost"),
    }
}

/// Whether every document `q` matches holds a word of one of `fields`:
/// each positive clause down to the leaves is a term or phrase query on
/// them. Conservative: any other node (all documents, a range, a user's
/// boost, whose query tantivy does not expose) answers no.
pub fn only_in(q: &dyn Query, fields: &[Field]) -> bool {
    if let Some(g) = q.downcast_ref::<ExplainGuard>() {
        return only_in(g.inner.as_ref(), fields);
    }
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        // A match matches at least one positive clause.
        let mut positive = b.clauses().iter().filter(|(o, _)| *o != Occur::MustNot);
        let first = positive.next();
        return first.is_some()
            && first
                .into_iter()
                .chain(positive)
                .all(|(_, c)| only_in(c.as_ref(), fields));
    }
    if let Some(t) = q.downcast_ref::<TermQuery>() {
        return fields.contains(&t.term().field());
    }
    if let Some(p) = q.downcast_ref::<PhraseQuery>() {
        return fields.contains(&p.field());
    }
    false
}

/// Rebuilds a parsed query: phrase leaves guarded, title leaves weighted.
pub fn rebuild(q: &dyn Query, title: Field, title_boost: f32) -> Box<dyn Query> {
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        let msm = b.get_minimum_number_should_match();
        let mut clauses = Vec::with_capacity(b.clauses().len());
        // The words, when this is a union of words: each clause optional,
        // at most one needed, and a term or a union of words itself.
        let mut words = (msm <= 1 && !b.clauses().is_empty()).then(Vec::new);
        for (occur, c) in b.clauses() {
            let leaf = c.downcast_ref::<TermQuery>().map(|t| t.term().clone());
            let c = rebuild(c.as_ref(), title, title_boost);
            if let Some(w) = words.as_mut() {
                match (*occur, leaf, union_of(c.as_ref())) {
                    (Occur::Should, Some(term), _) => {
                        let boost = leaf_boost(term.field(), title, title_boost).unwrap_or(1.0);
                        w.push((term, boost));
                    }
                    (Occur::Should, None, Some(inner)) => w.extend_from_slice(inner.clauses()),
                    _ => words = None,
                }
            }
            // Any of (any of a, b) and c is any of a, b, c, with the same
            // score. Flat, a union of words stays one union of term
            // scorers, which tantivy scores in one pass or ranks with
            // block-WAND, skipping the postings that cannot reach the top
            // (`collapse` chooses); a union of unions allows neither.
            match (*occur, msm <= 1, any_of(c.as_ref())) {
                (Occur::Should, true, Some(inner)) => {
                    clauses.extend(inner.clauses().iter().map(|(o, q)| (*o, q.box_clone())))
                }
                _ => clauses.push((*occur, c)),
            }
        }
        let mut out = BooleanQuery::new(clauses);
        out.set_minimum_number_should_match(msm);
        let mut guard = ExplainGuard::unlabelled(&out);
        guard.words = words.map(WordUnion::new);
        return Box::new(guard);
    }
    // Term leaves explain themselves safely and keep tantivy's block-WAND
    // path; every other leaf (phrases, phrase prefixes, user boosts,
    // ranges) is guarded.
    let (field, leaf): (Option<Field>, Box<dyn Query>) =
        if let Some(t) = q.downcast_ref::<TermQuery>() {
            (Some(t.term().field()), q.box_clone())
        } else if let Some(p) = q.downcast_ref::<PhraseQuery>() {
            (Some(p.field()), Box::new(ExplainGuard::new(q)))
        } else {
            (None, Box::new(ExplainGuard::new(q)))
        };
    match field.and_then(|f| leaf_boost(f, title, title_boost)) {
        Some(boost) => Box::new(BoostQuery::new(leaf, boost)),
        None => leaf,
    }
}

/// The boost [`rebuild`] gives a leaf of `field`, if any: the title's.
fn leaf_boost(field: Field, title: Field, title_boost: f32) -> Option<Score> {
    (field == title && (title_boost - 1.0).abs() > f32::EPSILON).then_some(title_boost)
}

/// The words of `q` when it is a union of words as [`rebuild`] made it
/// (also inside a box), which ranking scores on its own walk
/// ([`WordUnion`]); `None` for any other query.
pub fn union_of(q: &dyn Query) -> Option<&WordUnion> {
    if let Some(b) = q.downcast_ref::<Box<dyn Query>>() {
        return union_of(b.as_ref());
    }
    q.downcast_ref::<ExplainGuard>()?.words.as_ref()
}

/// The boolean query under a rebuilt node when it only lists alternatives
/// (every clause optional, at most one needed).
fn any_of(q: &dyn Query) -> Option<&BooleanQuery> {
    let b = q
        .downcast_ref::<ExplainGuard>()?
        .inner
        .downcast_ref::<BooleanQuery>()?;
    let alternatives = b.get_minimum_number_should_match() <= 1
        && !b.clauses().is_empty()
        && b.clauses().iter().all(|(o, _)| *o == Occur::Should);
    alternatives.then_some(b)
}

/// A query whose explanation first checks that the document matches.
#[derive(Debug)]
pub struct ExplainGuard {
    inner: Box<dyn Query>,
    label: Option<String>,
    /// Set by [`rebuild`] when `inner` is a union of words.
    words: Option<WordUnion>,
}

impl ExplainGuard {
    /// Guards `inner` (a boolean query: its leaves carry their own labels).
    pub fn unlabelled(inner: &dyn Query) -> Self {
        ExplainGuard {
            inner: inner.box_clone(),
            label: None,
            words: None,
        }
    }

    /// Guards `inner`. A query over positions of one field (a phrase, also
    /// inside a user's boost) gets a `Phrase(field=N, "words")` label in its
    /// explanation's context, which [`super::explain`] reads.
    pub fn new(inner: &dyn Query) -> Self {
        let mut field = None;
        let mut words = Vec::new();
        let mut one_field = true;
        inner.query_terms(&mut |term, positions| {
            if !positions {
                one_field = false;
                return;
            }
            if *field.get_or_insert(term.field()) != term.field() {
                one_field = false;
            }
            if let Some(w) = term.value().as_str() {
                words.push(w.to_string());
            }
        });
        let label = match field {
            Some(f) if one_field && !words.is_empty() => Some(format!(
                "Phrase(field={}, \"{}\")",
                f.field_id(),
                words.join(" ")
            )),
            _ => None,
        };
        ExplainGuard {
            inner: inner.box_clone(),
            label,
            words: None,
        }
    }
}

impl Clone for ExplainGuard {
    fn clone(&self) -> Self {
        ExplainGuard {
            inner: self.inner.box_clone(),
            label: self.label.clone(),
            words: self.words.clone(),
        }
    }
}

impl Query for ExplainGuard {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(GuardWeight {
            inner: self.inner.weight(enable_scoring)?,
            label: self.label.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// A phrase scorer whose seeks never go backwards.
///
/// tantivy 0.27's exclusion (`-"a phrase"`) asks the phrase scorer whether
/// it contains a document with `seek_danger`, also for a document before
/// the one the scorer sits on (its first match); `PhraseScorer` asserts
/// that never happens (found by fuzzing: `Gs -"s t" *` sorted by date).
/// This wrapper keeps tantivy's default `seek_danger`, which answers from
/// the current document when the target is behind it, and seeks the phrase
/// scorer only forwards (no match lies between the last target and the
/// current document, so that answer is right).
struct SeekGuard {
    inner: Box<dyn Scorer>,
}

impl DocSet for SeekGuard {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.doc();
        if target <= doc {
            return doc;
        }
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for SeekGuard {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

struct GuardWeight {
    inner: Box<dyn Weight>,
    label: Option<String>,
}

impl Weight for GuardWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.inner.scorer(reader, boost)?;
        // Phrase scorers only (the labelled leaves): wrapping other scorers
        // would hide them from tantivy's boolean specialisations.
        Ok(if self.label.is_some() {
            Box::new(SeekGuard { inner })
        } else {
            inner
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.inner.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        let mut e = self.inner.explain(reader, doc)?;
        if let Some(label) = &self.label {
            e.add_context(label.clone());
        }
        Ok(e)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.inner.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.inner.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.inner.for_each_pruning(threshold, reader, callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};

    /// Every boolean node under `q`, guards seen through.
    fn booleans(q: &dyn Query) -> Vec<&BooleanQuery> {
        if let Some(g) = q.downcast_ref::<ExplainGuard>() {
            return booleans(g.inner.as_ref());
        }
        match q.downcast_ref::<BooleanQuery>() {
            Some(b) => std::iter::once(b)
                .chain(b.clauses().iter().flat_map(|(_, c)| booleans(c.as_ref())))
                .collect(),
            None => Vec::new(),
        }
    }

    #[test]
    fn rebuilt_queries_flatten_alternatives_and_match_and_score_as_parsed() {
        use tantivy::collector::TopDocs;
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let index = tantivy::Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = ["oil", "price", "crude", "gas", "wheat", "export", "opec"];
        for i in 0..300usize {
            // Reproducible documents of 1 to 12 words from a small vocabulary.
            let pick = |k: usize| words[(i * 7 + k * k * 3 + i / 5) % words.len()];
            let t: Vec<&str> = (0..1 + i % 3).map(pick).collect();
            let x: Vec<&str> = (0..1 + i % 12).map(|k| pick(k + 3)).collect();
            w.add_document(tantivy::doc!(title => t.join(" "), body => x.join(" ")))
                .unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        // The engine's way (`Engine::parse`): the grammar's tree, built by
        // `build`, which weights titles itself; against the parser's own
        // query with the same title weight.
        let plain = QueryParser::for_index(&index, vec![title, body]);
        let ours = |text: &str| {
            let ast = tantivy::query_grammar::parse_query(text).unwrap();
            build(&plain, ast, title, 2.0).unwrap()
        };
        let mut parser = QueryParser::for_index(&index, vec![title, body]);
        parser.set_field_boost(title, 2.0);
        let top = |q: &dyn Query| {
            let mut hits = searcher
                .search(q, &TopDocs::with_limit(1000).order_by_score())
                .unwrap();
            hits.sort_by_key(|(_, a)| *a);
            hits
        };
        for text in [
            "oil price",
            "oil price crude gas",
            "oil -gas",
            "+oil price wheat",
            "\"crude oil\" price",
            "(oil OR gas) AND wheat",
            "title:opec body:export -price",
        ] {
            let parsed = parser.parse_query(text).unwrap();
            let (want, got) = (top(parsed.as_ref()), top(ours(text).as_ref()));
            assert!(!want.is_empty(), "{text}: matches nothing");
            assert_eq!(
                want.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
                got.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
                "{text}"
            );
            for ((w, _), (g, _)) in want.iter().zip(&got) {
                assert!((w - g).abs() <= 1e-5 * w.abs(), "{text}: {w} against {g}");
            }
        }
        // Three words on two fields: one union of six term queries.
        let q = ours("oil price crude");
        let nodes = booleans(q.as_ref());
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].clauses().len(), 6);
        // A required word stays a node of its own.
        let q = ours("+oil price");
        assert_eq!(booleans(q.as_ref()).len(), 2);
        // Words, also in nested alternatives, are a union of words, each
        // title clause with the title's weight, in the clauses' order.
        let word = |f: Field, w: &str, boost: Score| (Term::from_field_text(f, w), boost);
        let q = ours("oil (price OR crude)");
        let union = union_of(q.as_ref()).expect("a union of words");
        assert_eq!(
            union.clauses(),
            [
                word(title, "oil", 2.0),
                word(body, "oil", 1.0),
                word(title, "price", 2.0),
                word(body, "price", 1.0),
                word(title, "crude", 2.0),
                word(body, "crude", 1.0),
            ]
        );
        let boxed: Box<dyn Query> = Box::new(q.box_clone());
        assert_eq!(union_of(&boxed), Some(union), "seen through a box");
        // A title weight of 1 leaves the title's clauses as they are.
        let ast = tantivy::query_grammar::parse_query("oil").unwrap();
        let q = build(&plain, ast, title, 1.0).unwrap();
        assert_eq!(
            union_of(q.as_ref()).map(WordUnion::clauses),
            Some(&[word(title, "oil", 1.0), word(body, "oil", 1.0)][..])
        );
        // Anything but alternatives of words is not.
        for text in [
            "+oil price",
            "oil -gas",
            "\"crude oil\" price",
            "oil^2 price",
            "(oil OR gas) AND wheat",
            "title:oil",
        ] {
            assert_eq!(union_of(ours(text).as_ref()), None, "{text}");
        }
    }

    #[test]
    fn only_in_answers_yes_only_when_every_match_needs_a_listed_field() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let kind = b.add_text_field("kind", TEXT);
        let term = |f: Field, w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let any = |clauses: Vec<(Occur, Box<dyn Query>)>| -> Box<dyn Query> {
            Box::new(ExplainGuard::unlabelled(&BooleanQuery::new(clauses)))
        };
        let text = [body];
        assert!(only_in(term(body, "oil").as_ref(), &text));
        assert!(!only_in(term(kind, "file").as_ref(), &text));
        let words = any(vec![
            (Occur::Should, term(body, "oil")),
            (Occur::Should, term(body, "gas")),
        ]);
        assert!(only_in(words.as_ref(), &text));
        // Nested, and with a negative clause on another field.
        let nested = any(vec![
            (Occur::Must, words),
            (Occur::MustNot, term(kind, "file")),
        ]);
        assert!(only_in(nested.as_ref(), &text));
        // One positive clause elsewhere is enough to say no.
        let mixed = any(vec![
            (Occur::Should, term(body, "oil")),
            (Occur::Should, term(kind, "file")),
        ]);
        assert!(!only_in(mixed.as_ref(), &text));
        // Negative clauses only, all documents, boosts: no.
        let negative = any(vec![(Occur::MustNot, term(body, "oil"))]);
        assert!(!only_in(negative.as_ref(), &text));
        assert!(!only_in(&AllQuery, &text));
        assert!(!only_in(&BoostQuery::new(term(body, "oil"), 2.0), &text));
        // A phrase on a listed field: yes.
        let phrase = PhraseQuery::new(vec![
            Term::from_field_text(body, "crude"),
            Term::from_field_text(body, "oil"),
        ]);
        assert!(only_in(&ExplainGuard::new(&phrase), &text));
    }
}
