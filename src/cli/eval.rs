//! `newsidx eval`: run topics, write a TREC run, report metrics or latency;
//! `newsidx eval compare`: two runs side by side.

use crate::eval::{self, Collapse, Latency, compare, topics, trec};
use crate::render;
use crate::search::Engine;
use crate::search::range::DateRange;
use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// Arguments of `newsidx eval`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Examples:\n  newsidx eval --topics topics.tsv --qrels qrels.txt --index ix\n  newsidx eval --topics topics.tsv --index ix --run run.trec     # batch mode: run + latency\n  newsidx eval --topics topics.tsv --index ix --depth 100 --passes 3 --timings t.json   # latency, median of 3 passes\n  newsidx eval compare a.trec b.trec --qrels qrels.txt\n\nMetrics equal trec_eval -c (map, ndcg_cut_10, ndcg_cut_100, P_10, recall_100, recall_1000, recip_rank, bpref): averaged over every judged topic, a topic missing from the run scoring 0."
)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub command: Option<EvalCommand>,
    /// Topics: TSV `qid<TAB>query`, a TREC topic file, or JSON Lines {"qid", "query"}; `-` reads standard input
    #[arg(long)]
    pub topics: Option<PathBuf>,
    /// Judgments, TREC format `qid iter docid grade`; without it, only the run and latency
    #[arg(long)]
    pub qrels: Option<PathBuf>,
    /// The index [default: index]
    #[arg(long, short = 'i')]
    pub index: Option<PathBuf>,
    /// Write the TREC run here (`qid Q0 docid rank score tag`)
    #[arg(long)]
    pub run: Option<PathBuf>,
    /// Articles per topic in the run
    #[arg(long, default_value_t = 1000)]
    pub depth: usize,
    /// Only articles published on or after this date
    #[arg(long)]
    pub since: Option<String>,
    /// Only articles published on or before this date
    #[arg(long)]
    pub until: Option<String>,
    /// How passage scores make an article's score
    #[arg(long, value_enum, default_value_t = Collapse::Max)]
    pub collapse: Collapse,
    /// Run the topics this many times in the process; each topic's latency
    /// is its median (the run is the first pass's), as the peer harness
    /// times its in-process peers
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub passes: u32,
    /// Write each topic's latency (the median over the passes), every
    /// pass's, and their summary here as JSON
    #[arg(long, value_name = "FILE")]
    pub timings: Option<PathBuf>,
    /// Weight of title matches relative to body matches
    #[arg(long, default_value_t = crate::search::TITLE_BOOST)]
    pub title_boost: f32,
    /// Report format
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Add a row per topic
    #[arg(long)]
    pub per_query: bool,
    /// The run's tag (last column)
    #[arg(long, default_value = "newsidx")]
    pub tag: String,
}

/// Subcommands of `newsidx eval`.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Compare two runs: means, difference, paired randomization test (two-sided, 10,000 permutations)
    Compare(CompareArgs),
    /// Score an existing run file against qrels (like trec_eval -c)
    Score(ScoreArgs),
}

/// Arguments of `newsidx eval score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    pub run: PathBuf,
    #[arg(long)]
    pub qrels: PathBuf,
    /// Add a row per topic
    #[arg(long)]
    pub per_query: bool,
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Arguments of `newsidx eval compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    pub run_a: PathBuf,
    pub run_b: PathBuf,
    #[arg(long)]
    pub qrels: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Runs `eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<i32> {
    match args.command {
        Some(EvalCommand::Compare(c)) => return run_compare(c),
        Some(EvalCommand::Score(s)) => return run_score(s),
        None => {}
    }
    let topics_path = args
        .topics
        .context("--topics is required (or use `newsidx eval compare`)")?;
    let topics = topics::read(&topics_path)?;
    let qrels = args.qrels.as_deref().map(trec::read_qrels).transpose()?;
    let range = DateRange::parse(args.since.as_deref(), args.until.as_deref())?;
    let mut engine = Engine::open(&super::index_dir(args.index))?;
    engine.set_title_boost(args.title_boost);
    let depth = args.depth.max(1);
    let (run, first) = eval::run_topics(&engine, &topics, depth, range, args.collapse)?;
    let passes = usize::try_from(args.passes).unwrap_or(usize::MAX);
    let mut by_pass = vec![first];
    for _ in 1..passes {
        by_pass.push(eval::run_topics(&engine, &topics, depth, range, args.collapse)?.1);
    }
    // Each topic's median over the passes.
    let times: Vec<f64> = (0..topics.len())
        .map(|t| eval::median(&by_pass.iter().map(|p| p[t]).collect::<Vec<_>>()))
        .collect();
    if let Some(path) = &args.run {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write the run to {}", path.display()))?;
        let mut w = BufWriter::new(file);
        trec::write_run(&mut w, &run, &args.tag)?;
        w.flush()?;
    }
    let latency = Latency::of(&times);
    if let Some(f) = &args.timings {
        let json = serde_json::json!({
            "latency": latency,
            "per_query_ms": times,
            "passes_ms": by_pass,
        });
        std::fs::write(f, format!("{json}\n"))
            .with_context(|| format!("cannot write {}", f.display()))?;
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let json = args.format == ReportFormat::Json;
    match &qrels {
        Some(q) => {
            let report = eval::evaluate(&run, q);
            let latency = Some((&latency, passes));
            render::eval::write_report(&mut out, &report, latency, args.per_query, json)?;
        }
        None => render::eval::write_latency(&mut out, &latency, passes, json)?,
    }
    out.flush()?;
    Ok(0)
}

fn run_score(s: ScoreArgs) -> anyhow::Result<i32> {
    let qrels = trec::read_qrels(&s.qrels)?;
    let report = eval::evaluate(&trec::read_run(&s.run)?, &qrels);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let json = s.format == ReportFormat::Json;
    render::eval::write_report(&mut out, &report, None, s.per_query, json)?;
    out.flush()?;
    Ok(0)
}

fn run_compare(c: CompareArgs) -> anyhow::Result<i32> {
    let qrels = trec::read_qrels(&c.qrels)?;
    let a = eval::evaluate(&trec::read_run(&c.run_a)?, &qrels);
    let b = eval::evaluate(&trec::read_run(&c.run_b)?, &qrels);
    let ma: Vec<_> = a.per_topic.iter().map(|(_, m)| *m).collect();
    let mb: Vec<_> = b.per_topic.iter().map(|(_, m)| *m).collect();
    let rows = compare::compare(&ma, &mb, 0x6e65_7773);
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::eval::write_comparison(&mut out, &rows, ma.len(), c.format == ReportFormat::Json)?;
    out.flush()?;
    Ok(0)
}
