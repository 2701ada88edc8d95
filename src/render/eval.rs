//! Evaluation reports: a metrics table (text) or one JSON object.

use crate::eval::compare::MetricComparison;
use crate::eval::metrics::NAMES;
use crate::eval::{Latency, Report};
use std::io::{self, Write};

/// Writes mean (and optionally per-topic) metrics and the latency (with
/// the number of passes each topic's time is the median of).
pub fn write_report<W: Write>(
    w: &mut W,
    report: &Report,
    latency: Option<(&Latency, usize)>,
    per_query: bool,
    json: bool,
) -> io::Result<()> {
    if json {
        let obj = |m: &crate::eval::metrics::Metrics| {
            NAMES
                .iter()
                .zip(m.0)
                .map(|(n, v)| ((*n).to_string(), serde_json::json!(v)))
                .collect::<serde_json::Map<_, _>>()
        };
        let mut v = serde_json::json!({
            "topics": report.per_topic.len(),
            "mean": obj(&report.mean),
        });
        if let Some((l, passes)) = latency {
            v["latency"] = serde_json::json!(l);
            if passes > 1 {
                v["passes"] = serde_json::json!(passes);
            }
        }
        if per_query {
            v["per_query"] = report
                .per_topic
                .iter()
                .map(|(q, m)| {
                    let mut o = obj(m);
                    o.insert("qid".into(), serde_json::json!(q));
                    serde_json::Value::Object(o)
                })
                .collect();
        }
        serde_json::to_writer(&mut *w, &v)?;
        return writeln!(w);
    }
    write!(w, "{:<10}", "topic")?;
    for n in NAMES {
        write!(w, " {n:>12}")?;
    }
    writeln!(w)?;
    if per_query {
        for (q, m) in &report.per_topic {
            write!(w, "{:<10}", super::sanitize(q))?;
            for v in m.0 {
                write!(w, " {v:>12.4}")?;
            }
            writeln!(w)?;
        }
    }
    write!(w, "{:<10}", "all")?;
    for v in report.mean.0 {
        write!(w, " {v:>12.4}")?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{} judged topics (trec_eval -c: topics missing from the run score 0)",
        report.per_topic.len()
    )?;
    match latency {
        Some((l, passes)) => write_latency(w, l, passes, false),
        None => Ok(()),
    }
}

/// Writes the per-query latency summary; with `passes` over 1, each
/// query's time is its median over that many passes.
pub fn write_latency<W: Write>(
    w: &mut W,
    l: &Latency,
    passes: usize,
    json: bool,
) -> io::Result<()> {
    if json {
        let mut v = serde_json::json!({ "latency": l });
        if passes > 1 {
            v["passes"] = serde_json::json!(passes);
        }
        serde_json::to_writer(&mut *w, &v)?;
        return writeln!(w);
    }
    let of = match passes {
        0 | 1 => String::new(),
        n => format!(", median of {n} passes"),
    };
    writeln!(
        w,
        "latency over {} queries (in-process, search only{of}): mean {:.3} ms, p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms",
        l.queries, l.mean_ms, l.p50_ms, l.p95_ms, l.p99_ms
    )
}

/// Writes a comparison table of two runs.
pub fn write_comparison<W: Write>(
    w: &mut W,
    rows: &[MetricComparison],
    topics: usize,
    json: bool,
) -> io::Result<()> {
    if json {
        serde_json::to_writer(
            &mut *w,
            &serde_json::json!({"topics": topics, "test": "paired two-sided randomization, 10000 permutations", "metrics": rows}),
        )?;
        return writeln!(w);
    }
    writeln!(
        w,
        "{:<14} {:>8} {:>8} {:>9} {:>8} {:>5} {:>5}",
        "metric", "A", "B", "B-A", "p", "B>A", "B<A"
    )?;
    for r in rows {
        writeln!(
            w,
            "{:<14} {:>8.4} {:>8.4} {:>+9.4} {:>8.4} {:>5} {:>5}",
            r.metric, r.mean_a, r.mean_b, r.diff, r.p_value, r.improved, r.worsened
        )?;
    }
    writeln!(
        w,
        "{topics} judged topics; p: paired two-sided randomization test, 10,000 permutations"
    )
}
