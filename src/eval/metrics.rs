//! Retrieval metrics, as trec_eval computes them.
//!
//! Input: one topic's ranked list (already in trec_eval order: score
//! descending, ties by document id descending) and its judgments. Output:
//! the metrics. Each function follows trec_eval 9's definition:
//!
//! - `map`: the sum of precision at each relevant retrieved document,
//!   divided by the number of relevant documents;
//! - `P_k`: relevant documents in the top k, divided by k (always k);
//! - `recall_k`: relevant documents in the top k over all relevant;
//! - `recip_rank`: 1 / rank of the first relevant document;
//! - `ndcg_cut_k`: DCG with the judgment grade as gain and discount
//!   `log2(rank + 1)`, over the ideal DCG of the judged grades (trec_eval
//!   9.0.8; releases before it left rank 2 undiscounted);
//! - `bpref`: for each relevant retrieved document, one minus the number of
//!   judged non-relevant documents above it (at most R) over min(R, N);
//!   unjudged documents are skipped; averaged over R.
//!
//! A document is relevant when its grade is at least 1. Invariants
//! (property-tested): every metric lies in [0, 1].

use std::collections::HashMap;

/// Judgments of one topic: document id -> grade.
pub type Judgments = HashMap<String, i32>;

/// The metrics newsidx reports, in report order.
pub const NAMES: [&str; 8] = [
    "map",
    "ndcg_cut_10",
    "ndcg_cut_100",
    "P_10",
    "recall_100",
    "recall_1000",
    "recip_rank",
    "bpref",
];

/// One topic's metrics, in the order of [`NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics(pub [f64; 8]);

impl Metrics {
    /// The value of a metric by name.
    pub fn get(&self, name: &str) -> Option<f64> {
        NAMES.iter().position(|n| *n == name).map(|i| self.0[i])
    }
}

/// All metrics of one topic.
pub fn evaluate(ranked: &[&str], judged: &Judgments) -> Metrics {
    Metrics([
        average_precision(ranked, judged),
        ndcg_cut(ranked, judged, 10),
        ndcg_cut(ranked, judged, 100),
        precision_at(ranked, judged, 10),
        recall_at(ranked, judged, 100),
        recall_at(ranked, judged, 1000),
        reciprocal_rank(ranked, judged),
        bpref(ranked, judged),
    ])
}

fn grade(judged: &Judgments, doc: &str) -> Option<i32> {
    judged.get(doc).copied()
}

fn is_rel(judged: &Judgments, doc: &str) -> bool {
    grade(judged, doc).is_some_and(|g| g >= 1)
}

/// The number of relevant documents.
pub fn num_rel(judged: &Judgments) -> usize {
    judged.values().filter(|&&g| g >= 1).count()
}

/// Average precision (trec_eval `map` for one topic).
pub fn average_precision(ranked: &[&str], judged: &Judgments) -> f64 {
    let r = num_rel(judged);
    if r == 0 {
        return 0.0;
    }
    let mut found = 0usize;
    let mut sum = 0.0;
    for (i, d) in ranked.iter().enumerate() {
        if is_rel(judged, d) {
            found += 1;
            sum += found as f64 / (i + 1) as f64;
        }
    }
    sum / r as f64
}

/// Precision at k (trec_eval `P_k`): always divided by k.
pub fn precision_at(ranked: &[&str], judged: &Judgments, k: usize) -> f64 {
    let hits = ranked.iter().take(k).filter(|d| is_rel(judged, d)).count();
    hits as f64 / k as f64
}

/// Recall at k (trec_eval `recall_k`).
pub fn recall_at(ranked: &[&str], judged: &Judgments, k: usize) -> f64 {
    let r = num_rel(judged);
    if r == 0 {
        return 0.0;
    }
    let hits = ranked.iter().take(k).filter(|d| is_rel(judged, d)).count();
    hits as f64 / r as f64
}

/// Reciprocal rank of the first relevant document (trec_eval `recip_rank`).
pub fn reciprocal_rank(ranked: &[&str], judged: &Judgments) -> f64 {
    ranked
        .iter()
        .position(|d| is_rel(judged, d))
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// The discount for a 0-based rank: `log2(rank + 1)` for the 1-based rank.
fn discount(i: usize) -> f64 {
    ((i + 2) as f64).log2()
}

/// nDCG at k (trec_eval `ndcg_cut_k`), grades as gains.
pub fn ndcg_cut(ranked: &[&str], judged: &Judgments, k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .filter_map(|(i, d)| {
            grade(judged, d)
                .filter(|&g| g > 0)
                .map(|g| f64::from(g) / discount(i))
        })
        .sum();
    let mut ideal: Vec<i32> = judged.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| f64::from(g) / discount(i))
        .sum();
    if idcg > 0.0 { dcg / idcg } else { 0.0 }
}

/// Binary preference (trec_eval `bpref`).
pub fn bpref(ranked: &[&str], judged: &Judgments) -> f64 {
    let r = num_rel(judged);
    if r == 0 {
        return 0.0;
    }
    let n = judged.values().filter(|&&g| (0..1).contains(&g)).count();
    let mut nonrel_so_far = 0usize;
    let mut sum = 0.0;
    for d in ranked {
        match grade(judged, d) {
            None => {}
            Some(g) if g >= 1 => {
                sum += if nonrel_so_far > 0 {
                    1.0 - nonrel_so_far.min(r) as f64 / n.min(r) as f64
                } else {
                    1.0
                };
            }
            Some(g) if g >= 0 => nonrel_so_far += 1,
            Some(_) => {}
        }
    }
    sum / r as f64
}

/// The mean of each metric over topics.
pub fn mean(per_topic: &[Metrics]) -> Metrics {
    let mut out = [0.0; 8];
    if per_topic.is_empty() {
        return Metrics(out);
    }
    for m in per_topic {
        for (o, v) in out.iter_mut().zip(m.0) {
            *o += v;
        }
    }
    for o in &mut out {
        *o /= per_topic.len() as f64;
    }
    Metrics(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn judged(pairs: &[(&str, i32)]) -> Judgments {
        pairs.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    // Hand-computed: ranking a b c d e; relevant b (grade 2) and d (grade 1);
    // c judged non-relevant; a, e unjudged; f relevant but not retrieved.
    fn case() -> (Vec<&'static str>, Judgments) {
        (
            vec!["a", "b", "c", "d", "e"],
            judged(&[("b", 2), ("c", 0), ("d", 1), ("f", 1), ("g", 0)]),
        )
    }

    #[test]
    fn average_precision_by_hand() {
        let (r, j) = case();
        // (1/2 + 2/4) / 3 relevant.
        close(average_precision(&r, &j), (0.5 + 0.5) / 3.0);
    }

    #[test]
    fn precision_recall_rr_by_hand() {
        let (r, j) = case();
        close(precision_at(&r, &j, 10), 0.2);
        close(recall_at(&r, &j, 100), 2.0 / 3.0);
        close(reciprocal_rank(&r, &j), 0.5);
        close(reciprocal_rank(&["x"], &j), 0.0);
    }

    #[test]
    fn ndcg_by_hand_with_trec_eval_discount() {
        let (r, j) = case();
        // DCG: b at rank 2 -> 2/log2(3); d at rank 4 -> 1/log2(5).
        // Ideal: 2, 1, 1 at ranks 1..3 -> 2 + 1/log2(3) + 1/log2(4).
        let l = |x: f64| x.log2();
        let ideal = 2.0 + 1.0 / l(3.0) + 0.5;
        close(ndcg_cut(&r, &j, 10), (2.0 / l(3.0) + 1.0 / l(5.0)) / ideal);
        // Cut at 2: DCG 2/log2(3); ideal 2 + 1/log2(3).
        close(ndcg_cut(&r, &j, 2), (2.0 / l(3.0)) / (2.0 + 1.0 / l(3.0)));
    }

    #[test]
    fn bpref_by_hand() {
        let (r, j) = case();
        // R = 3, N = 2. b: no judged non-relevant above -> 1.
        // d: c above -> 1 - min(1,3)/min(2,3) = 0.5. Sum 1.5 / 3.
        close(bpref(&r, &j), 0.5);
    }

    #[test]
    fn no_relevant_documents_scores_zero() {
        let j = judged(&[("a", 0)]);
        assert_eq!(evaluate(&["a"], &j), Metrics::default());
    }

    proptest! {
        #[test]
        fn metrics_lie_in_the_unit_interval(
            ranked in proptest::collection::vec(0u8..30, 0..60),
            grades in proptest::collection::vec((0u8..30, -1i32..4), 0..40),
        ) {
            let names: Vec<String> = ranked.iter().map(|d| format!("d{d}")).collect();
            let mut seen = std::collections::HashSet::new();
            let ranked: Vec<&str> = names.iter().map(String::as_str).filter(|d| seen.insert(*d)).collect();
            let j: Judgments = grades.iter().map(|(d, g)| (format!("d{d}"), *g)).collect();
            for v in evaluate(&ranked, &j).0 {
                prop_assert!((0.0..=1.0 + 1e-12).contains(&v), "{v}");
            }
        }
    }
}
