//! Evaluation: topics -> a run -> trec_eval's metrics.
//!
//! - [`topics`], [`trec`]: reading topics, qrels and runs, writing runs;
//! - [`metrics`]: the metric formulas, as pure functions;
//! - [`compare`]: two runs side by side with a significance test.
//!
//! Averages follow `trec_eval -c`: over every topic that has judgments,
//! a topic missing from the run (or with no hits) scoring 0 on every
//! metric; run topics without judgments are ignored.

pub mod compare;
pub mod metrics;
pub mod topics;
pub mod trec;

use crate::error::Result;
use crate::search::Engine;
use crate::search::range::DateRange;
use metrics::Metrics;
use std::time::Instant;
use topics::Topic;
use trec::{Qrels, Run};

pub use crate::search::Collapse;

/// Per-topic and mean metrics of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// `(qid, metrics)` for every judged topic, in qid order.
    pub per_topic: Vec<(String, Metrics)>,
    pub mean: Metrics,
}

/// Evaluates a run against qrels, `trec_eval -c` style.
pub fn evaluate(run: &Run, qrels: &Qrels) -> Report {
    let empty = Vec::new();
    let per_topic: Vec<(String, Metrics)> = qrels
        .iter()
        .map(|(qid, judged)| {
            let docs = run.get(qid).unwrap_or(&empty);
            let ranked: Vec<&str> = docs.iter().map(|(d, _)| d.as_str()).collect();
            (qid.clone(), metrics::evaluate(&ranked, judged))
        })
        .collect();
    let mean = metrics::mean(&per_topic.iter().map(|(_, m)| *m).collect::<Vec<_>>());
    Report { per_topic, mean }
}

/// Query latencies in milliseconds: mean and nearest-rank percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Latency {
    pub queries: usize,
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
}

impl Latency {
    /// Summarises per-query times.
    pub fn of(ms: &[f64]) -> Latency {
        if ms.is_empty() {
            return Latency::default();
        }
        let mut sorted = ms.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let k = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
            sorted[k - 1]
        };
        Latency {
            queries: ms.len(),
            mean_ms: ms.iter().sum::<f64>() / ms.len() as f64,
            p50_ms: rank(0.50),
            p95_ms: rank(0.95),
            p99_ms: rank(0.99),
        }
    }
}

/// The median of `v` (the mean of the two middle values of an even
/// count; 0 for none).
pub fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => s[n / 2],
        _ => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// Runs every topic through the engine: a run of the top `depth` articles
/// per topic, and each topic's latency (in-process, search only).
pub fn run_topics(
    engine: &Engine,
    topics: &[Topic],
    depth: usize,
    range: DateRange,
    collapse: Collapse,
) -> Result<(Run, Vec<f64>)> {
    let mut run = Run::new();
    let mut times = Vec::with_capacity(topics.len());
    for t in topics {
        let started = Instant::now();
        let ranked = engine.rank_articles(&t.query, range, depth, collapse)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let mut docs: Vec<(String, f64)> = ranked
            .into_iter()
            // The score as the run file states it, so that evaluating the
            // file and evaluating in memory agree to the last digit.
            .map(|(id, s)| (id, format!("{s}").parse().unwrap_or(f64::from(s))))
            .collect();
        trec::sort_trec(&mut docs);
        run.insert(t.qid.clone(), docs);
    }
    Ok((run, times))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_topics_score_zero_and_count() {
        let qrels =
            trec::parse_qrels(std::path::Path::new("q"), "1 0 a 1\n1 0 b 0\n2 0 c 1\n").unwrap();
        let run =
            trec::parse_run(std::path::Path::new("r"), "1 Q0 a 1 3 x\n9 Q0 z 1 1 x\n").unwrap();
        let r = evaluate(&run, &qrels);
        assert_eq!(r.per_topic.len(), 2);
        assert_eq!(r.per_topic[0].1.get("map"), Some(1.0));
        assert_eq!(r.per_topic[1].1, Metrics::default());
        assert_eq!(r.mean.get("map"), Some(0.5));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let ms: Vec<f64> = (1..=100).map(f64::from).collect();
        let l = Latency::of(&ms);
        assert_eq!((l.p50_ms, l.p95_ms, l.p99_ms), (50.0, 95.0, 99.0));
        assert!((l.mean_ms - 50.5).abs() < 1e-9);
    }
}
