//! Search on the bundled corpus: highlights, dates, formats, exit codes.

use crate::harness::{SEED, TestEnv, s};

#[test]
fn first_search_builds_the_default_index_and_says_so() {
    let env = TestEnv::with_corpus();
    let out = env.ok(&["search", "taliban pakistan", "--color", "never"], 0);
    assert!(
        out.stderr.contains("building it from corpus/"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .starts_with("1. As Pakistan confronts the Taliban"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("**Taliban Pakistan**") || out.stdout.contains("**Taliban**"));
    // The second search finds the index and builds nothing.
    let out = env.ok(&["search", "taliban", "--color", "never"], 0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn the_largest_hit_counts_list_every_match() {
    let env = TestEnv::with_corpus();
    let search = |n: &str, per_article: &str| {
        env.ok(
            &[
                "search",
                "pakistan",
                "-n",
                n,
                "--per-article",
                per_article,
                "-f",
                "json",
            ],
            0,
        )
        .json()
    };
    let max = usize::MAX.to_string();
    let (few, all) = (search("1000", "1000"), search(&max, &u16::MAX.to_string()));
    assert!(few.len() > 1 && all == few, "{} {}", few.len(), all.len());
}

#[test]
fn vucic_finds_the_serbian_teaser_highlighting_the_accented_name() {
    let env = TestEnv::with_corpus();
    let hits = env.ok(&["search", "vucic", "--format", "json"], 0).json();
    let hit = &hits[0];
    assert_eq!(s(hit, "article_id"), format!("{SEED}/t8"));
    let snippet = s(hit, "snippet");
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, vec!["Vučić"]);
    let text = env.ok(&["search", "vucic", "--color", "never"], 0).stdout;
    assert!(text.contains("Aleksandar **Vučić** on Tuesday"), "{text}");
}

#[test]
fn since_leaves_out_the_undated_lead_and_says_so() {
    let env = TestEnv::with_corpus();
    let all = env
        .ok(
            &["search", "taliban", "--format", "json", "--limit", "50"],
            0,
        )
        .json();
    assert!(all.iter().any(|h| s(h, "article_id") == SEED));
    let out = env.ok(
        &[
            "search",
            "taliban",
            "--since",
            "2024-12-01",
            "--color",
            "never",
        ],
        1,
    );
    assert!(!out.stdout.contains("As Pakistan confronts"));
    assert!(
        out.stdout
            .contains("matching undated article left out by the date filter"),
        "{}",
        out.stdout
    );
    let dated = env
        .ok(
            &["search", "assad", "--since", "2024-12", "--format", "json"],
            0,
        )
        .json();
    assert!(
        dated
            .iter()
            .all(|h| h["date"].as_str().is_some_and(|d| d >= "2024-12-01"))
    );
}

#[test]
fn until_is_inclusive_and_excludes_a_teaser_dated_a_day_later() {
    let env = TestEnv::with_corpus();
    // The Yoon teaser's caption is dated 2024-12-11.
    let yoon = format!("{SEED}/t1");
    let hits = env
        .ok(
            &[
                "search",
                "prosecutor",
                "--until",
                "2024-12-11",
                "--format",
                "json",
            ],
            0,
        )
        .json();
    assert_eq!(s(&hits[0], "article_id"), yoon);
    let out = env.ok(
        &[
            "search",
            "prosecutor",
            "--until",
            "2024-12-10",
            "--format",
            "json",
        ],
        1,
    );
    assert!(out.stdout.is_empty());
    // A partial date means the whole month.
    env.ok(
        &[
            "search",
            "prosecutor",
            "--until",
            "2024-12",
            "--format",
            "json",
        ],
        0,
    );
    env.ok(
        &[
            "search",
            "prosecutor",
            "--since",
            "2024",
            "--format",
            "json",
        ],
        0,
    );
}

#[test]
fn json_hits_parse_and_highlights_fall_on_matched_words() {
    let env = TestEnv::with_corpus();
    let hits = env
        .ok(
            &[
                "search",
                "pakistan taliban",
                "--format",
                "json",
                "--limit",
                "5",
                "--per-article",
                "3",
            ],
            0,
        )
        .json();
    assert!(hits.len() > 1);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"].as_u64(), Some(i as u64 + 1));
        for key in [
            "article_id",
            "passage_id",
            "kind",
            "title",
            "source",
            "text",
            "snippet",
        ] {
            assert!(h[key].is_string(), "{key} in {h}");
        }
        assert!(h["score"].is_f64());
        assert!(h.get("date").is_some() && h.get("date_source").is_some());
        let snippet = s(h, "snippet");
        let ranges = h["highlights"].as_array().unwrap();
        assert!(!ranges.is_empty());
        for r in ranges {
            let (a, b) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            let word = snippet[a..b].to_lowercase();
            for w in word.split_whitespace() {
                assert!(
                    w.starts_with("pakistan") || w.starts_with("taliban"),
                    "{word}"
                );
            }
            assert!(a == 0 || !snippet[..a].ends_with(char::is_alphanumeric));
            assert!(b == snippet.len() || !snippet[b..].starts_with(char::is_alphanumeric));
        }
    }
    // At most three passages per article.
    assert!(hits.iter().filter(|h| s(h, "article_id") == SEED).count() <= 3);
}

#[test]
fn phrases_are_highlighted_whole_and_kind_filters() {
    let env = TestEnv::with_corpus();
    let hits = env
        .ok(
            &[
                "search",
                "\"martial law\"",
                "--kind",
                "teaser",
                "--format",
                "json",
            ],
            0,
        )
        .json();
    for h in &hits {
        assert_eq!(s(h, "kind"), "teaser");
        let snippet = s(h, "snippet");
        let r = &h["highlights"][0];
        let span = &snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize];
        assert_eq!(span.to_lowercase(), "martial law");
    }
    env.ok(&["search", "taliban", "--kind", "teaser"], 1);
}

#[test]
fn errors_are_one_clear_line_with_exit_code_2() {
    let env = TestEnv::with_corpus();
    env.ok(&["search", "x"], 1);
    for (args, needle) in [
        (vec!["search", "title:(unclosed"], "invalid query"),
        (vec!["search", "\"unbalanced"], "invalid query"),
        (vec!["search", "   "], "the query is empty"),
        (vec!["search", "x", "--since", "2024-13"], "invalid date"),
        (
            vec!["search", "x", "--index", "nowhere"],
            "run `newsidx ingest",
        ),
        (vec!["search", "nosuchfield:x"], "invalid query"),
        (vec!["search", "nosuchfield:*"], "invalid query"),
        (
            vec!["search", "x", "--timeline", "-f", "trec"],
            "text or JSON",
        ),
    ] {
        let out = env.ok(&args, 2);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
        assert!(
            !out.stderr.contains("Error {"),
            "debug dump: {}",
            out.stderr
        );
    }
}

#[test]
fn colour_is_off_when_piped_and_on_when_asked() {
    let env = TestEnv::with_corpus();
    let plain = env.ok(&["search", "vucic"], 0).stdout;
    assert!(!plain.contains('\x1b'));
    let coloured = env.ok(&["search", "vucic", "--color", "always"], 0).stdout;
    assert!(coloured.contains("\x1b[1;31mVučić\x1b[0m"));
}

#[test]
fn a_user_boost_scales_scores_and_keeps_order() {
    let env = TestEnv::with_corpus();
    let hits = |q: &str| -> Vec<(String, f64)> {
        env.ok(
            &["search", q, "--format", "json", "-n", "5", "--explain"],
            0,
        )
        .json()
        .iter()
        .map(|h| (s(h, "passage_id").to_string(), h["score"].as_f64().unwrap()))
        .collect()
    };
    for (plain, boosted) in [
        ("\"martial law\"", "\"martial law\"^2"),
        ("vucic OR \"martial law\"", "(vucic OR \"martial law\")^2"),
    ] {
        let (a, b) = (hits(plain), hits(boosted));
        assert!(!a.is_empty(), "{plain}");
        assert_eq!(a.len(), b.len(), "{boosted}");
        for ((ida, sa), (idb, sb)) in a.iter().zip(&b) {
            assert_eq!(ida, idb, "{boosted}");
            assert!((sa * 2.0 - sb).abs() < 1e-3, "{boosted}: {sa} {sb}");
        }
    }
    // A boost on one clause only lifts that clause.
    let mixed = hits("vucic^3 \"martial law\"");
    assert!(mixed[0].0.ends_with("/t8#0"), "{mixed:?}");
}

#[test]
fn batch_runs_every_query_in_one_process_and_reports_latency() {
    let env = TestEnv::with_corpus();
    env.write(
        "q.tsv",
        "a\tvucic\nb\t\"martial law\"\nc\tnosuchwordanywhere\nd\ttitle:\n",
    );
    let timings = env.path("t.json");
    let out = env.ok(
        &[
            "search",
            "--batch",
            "q.tsv",
            "-f",
            "trec",
            "-n",
            "3",
            "--timings",
            timings.to_str().unwrap(),
        ],
        2,
    );
    // The bad query is named and skipped; the others ran.
    assert!(out.stderr.contains("query d"), "{}", out.stderr);
    assert!(out.stderr.contains("4 queries, 1 failed"), "{}", out.stderr);
    let lines: Vec<Vec<&str>> = out.stdout.lines().map(|l| l.split(' ').collect()).collect();
    assert!(
        lines
            .iter()
            .all(|l| l.len() == 6 && l[1] == "Q0" && l[5] == "newsidx")
    );
    assert_eq!(lines[0][0], "a");
    assert_eq!(lines[0][2], format!("{SEED}/t8"));
    assert!(lines.iter().any(|l| l[0] == "b"));
    assert!(!lines.iter().any(|l| l[0] == "c" || l[0] == "d"));
    // The same hits as one search per query.
    let one = env.ok(
        &["search", "vucic", "-f", "trec", "-n", "3", "--qid", "a"],
        0,
    );
    let batch_a: String = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("a "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(one.stdout, batch_a);
    let t: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&timings).unwrap()).unwrap();
    let totals = t["per_query_ms"].as_array().unwrap();
    assert_eq!(totals.len(), 3);
    assert_eq!(t["latency"]["queries"], 3);
    // Each stage is timed (not zero) inside the query's time, so in every
    // pass, and in the median of one pass, it is at most that.
    for stage in ["ranking", "hits"] {
        let ms = t["stages"][stage]["per_query_ms"].as_array().unwrap();
        assert_eq!(ms.len(), 3, "{stage}");
        assert_eq!(t["stages"][stage]["latency"]["queries"], 3);
        for (part, total) in ms.iter().zip(totals) {
            let part = part.as_f64().unwrap();
            assert!(part > 0.0 && part <= total.as_f64().unwrap(), "{t}");
        }
    }
    assert!(
        out.stderr.contains("of which ranking: mean "),
        "{}",
        out.stderr
    );
    // JSON lines carry the query id.
    let json = env
        .ok(&["search", "--batch", "q.tsv", "-f", "jsonl", "-n", "1"], 2)
        .json();
    assert_eq!(s(&json[0], "qid"), "a");
    assert_eq!(s(&json[0], "article_id"), format!("{SEED}/t8"));
}

#[test]
fn batch_passes_time_each_query_several_times_and_print_its_hits_once() {
    let env = TestEnv::with_corpus();
    env.write("q.tsv", "a\tvucic\nb\t\"martial law\"\nd\ttitle:\n");
    let timings = env.path("t.json");
    let run = |passes: &str| {
        env.ok(
            &[
                "search",
                "--batch",
                "q.tsv",
                "-f",
                "trec",
                "-n",
                "3",
                "--passes",
                passes,
                "--timings",
                timings.to_str().unwrap(),
            ],
            2,
        )
    };
    let once = run("1");
    let thrice = run("3");
    assert_eq!(thrice.stdout, once.stdout);
    // The failing query is reported once, not once per pass.
    assert_eq!(
        thrice.stderr.matches("query d").count(),
        1,
        "{}",
        thrice.stderr
    );
    assert!(
        thrice.stderr.contains("median of 3 passes"),
        "{}",
        thrice.stderr
    );
    let t: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&timings).unwrap()).unwrap();
    let passes = t["passes_ms"].as_array().unwrap();
    assert_eq!(passes.len(), 3);
    let medians = t["per_query_ms"].as_array().unwrap();
    assert_eq!(medians.len(), 2);
    for (q, m) in medians.iter().enumerate() {
        let mut v: Vec<f64> = passes.iter().map(|p| p[q].as_f64().unwrap()).collect();
        v.sort_by(f64::total_cmp);
        assert_eq!(m.as_f64().unwrap(), v[1]);
    }
    let zero = env.run(&["search", "--batch", "q.tsv", "--passes", "0"]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
}

#[test]
fn batch_holds_passages_in_memory_within_its_bound_and_prints_the_same_hits() {
    let env = TestEnv::with_corpus();
    env.write("q.tsv", "a\tvucic\nb\t\"martial law\"\nc\tpresident\n");
    let timings = env.path("t.json");
    let timings = timings.to_str().unwrap();
    // The batch's output and what `--timings` says it held.
    let run = |extra: &[&str]| {
        let mut args = vec![
            "search",
            "--batch",
            "q.tsv",
            "-f",
            "jsonl",
            "--timings",
            timings,
        ];
        args.extend_from_slice(extra);
        let out = env.ok(&args, 0);
        let t: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(timings).unwrap()).unwrap();
        (out, t["preload"].clone())
    };
    let (held, preload) = run(&["-n", "20", "--preload-mb", "256", "-v"]);
    let (from_store, none) = run(&["-n", "20", "--preload-mb", "0", "-v"]);
    assert_eq!(held.stdout, from_store.stdout);
    for qid in ["a", "b", "c"] {
        let line = format!("{{\"qid\":\"{qid}\"");
        assert!(held.stdout.contains(&line), "{}", held.stdout);
    }
    assert!(none.is_null(), "{none}");
    assert!(preload["documents"].as_u64().unwrap() > 10, "{preload}");
    assert!(preload["bytes"].as_u64().unwrap() > 10_000, "{preload}");
    assert_eq!(preload["segments_left"], 0, "{preload}");
    assert!(
        held.stderr.contains("documents in memory"),
        "{}",
        held.stderr
    );
    assert!(!from_store.stderr.contains("in memory"));
    // (A bound too small for a segment: `search::preload`'s tests.)
    // Without the flag, only a batch that reads at least one hit per
    // document (queries x passes x -n) holds them.
    let by_default = |n: &str, passes: &str| {
        let (out, held) = run(&["-n", n, "--passes", passes]);
        (out.stdout, held["documents"].as_u64())
    };
    let docs = preload["documents"].as_u64().unwrap();
    assert!(docs > 3, "{preload}");
    let (few, none) = by_default("1", "1");
    assert_eq!(none, None, "3 reads of {docs} documents");
    let (_, held) = by_default("1", &docs.div_ceil(3).to_string());
    assert_eq!(held, Some(docs));
    let (_, held) = by_default("1", &(docs.div_ceil(3) - 1).to_string());
    assert_eq!(held, None);
    let (_, held) = by_default(&docs.div_ceil(3).to_string(), "1");
    assert_eq!(held, Some(docs));
    assert_eq!(few.lines().count(), 3);
    // Only with --batch: not silently dropped from a one-query search.
    for flag in [
        ["--preload-mb", "10"],
        ["--passes", "3"],
        ["--timings", "t2.json"],
    ] {
        let one = env.run(&["search", "vucic", flag[0], flag[1]]);
        assert_eq!(one.code, 2, "{flag:?}: {}", one.stderr);
        assert!(
            one.stderr
                .contains(&format!("{} applies only to --batch", flag[0])),
            "{}",
            one.stderr
        );
    }
    assert!(!env.path("t2.json").exists());
}

#[test]
fn batch_reads_topics_from_standard_input() {
    let env = TestEnv::with_corpus();
    let topics = "a\tvucic\nb\t\"martial law\"\n";
    env.write("q.tsv", topics);
    let args = |file: &'static str| ["search", "--batch", file, "-f", "trec", "-n", "3"];
    let from_file = env.ok(&args("q.tsv"), 0);
    let piped = env.run_with_stdin(&args("-"), topics);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(piped.stdout, from_file.stdout);
    assert!(piped.stdout.lines().any(|l| l.starts_with("b ")));
    // A bad line is named by its line on standard input.
    let bad = env.run_with_stdin(&args("-"), "a\tvucic\nnotab\n");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("<stdin>:2:"), "{}", bad.stderr);
}

#[test]
fn unquoted_words_are_one_query() {
    let env = TestEnv::with_corpus();
    let quoted = env.ok(&["search", "martial law korea", "-f", "tsv"], 0);
    let words = env.ok(&["search", "martial", "law", "korea", "-f", "tsv"], 0);
    assert_eq!(words.stdout, quoted.stdout);
    // After `--`, a word may start with a dash: an excluded term.
    let all = env.ok(&["search", "president", "-f", "tsv"], 0).stdout;
    let excluded = env.ok(&["search", "-f", "tsv", "--", "president", "-erdogan"], 0);
    assert!(all.contains("/t6#0"), "{all}");
    assert!(!excluded.stdout.contains("/t6#0"), "{}", excluded.stdout);
    assert_eq!(excluded.stdout.lines().count(), all.lines().count() - 1);
}

#[test]
fn tsv_output_is_one_line_per_hit() {
    let env = TestEnv::with_corpus();
    let out = env.ok(&["search", "vucic", "-f", "tsv"], 0).stdout;
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 6, "{first:?}");
    assert_eq!(first[0], format!("{SEED}/t8"));
    assert_eq!(first[2], "2024-12-10");
    assert!(first[5].contains("Vučić"));
}

/// An in-RAM index of `articles` (passages of five words at least), with
/// a commit after every `commit_every` articles and at the end.
fn engine_of(
    articles: impl IntoIterator<Item = newsidx::model::Article>,
    commit_every: usize,
) -> newsidx::search::Engine {
    use newsidx::store::writer::{NewsWriter, documents};
    use newsidx::store::{NewsIndex, Settings};
    let ni = NewsIndex::in_ram();
    let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(5)).unwrap();
    for (n, article) in articles.into_iter().enumerate() {
        let passages = newsidx::ingest::cut(&article, 5);
        w.add(documents(
            &ni.fields,
            "/t.jsonl",
            &article,
            &passages,
            ni.stemming,
        ))
        .unwrap();
        if n % commit_every == commit_every - 1 {
            w.commit().unwrap();
        }
    }
    w.commit().unwrap();
    newsidx::search::Engine::new(ni).unwrap()
}

/// Two hundred equally scored passages (100 articles of two identical
/// sentences), added in the given order with a commit every 30 articles:
/// the order of documents and segments differs, the scores do not.
fn tied_engine(order: impl Iterator<Item = usize>) -> newsidx::search::Engine {
    use newsidx::model::{Article, ArticleKind};
    let articles = order.map(|i| {
        let article = Article {
            id: format!("a{i:03}"),
            kind: ArticleKind::Lead,
            lead_id: None,
            title: "Report".into(),
            caption: None,
            body: "Wheat prices rose today.\n\nWheat prices rose today.".into(),
            date: None,
            url: None,
            source: "t.jsonl".into(),
        };
        assert_eq!(newsidx::ingest::cut(&article, 5).len(), 2);
        article
    });
    engine_of(articles, 30)
}

#[test]
fn runs_of_equal_scores_of_any_length_rank_by_article_key() {
    use newsidx::model::{Article, ArticleKind};
    use newsidx::search::SearchRequest;
    use newsidx::store::writer::article_key;
    // Groups of 1 to 4 articles with the same body (so the same score),
    // the groups' bodies of different lengths.
    let sizes = [2, 1, 3, 2, 4, 1, 2];
    let mut all = Vec::new();
    for (g, &size) in sizes.iter().enumerate() {
        let body = format!("Wheat prices rose{}.", " again".repeat(g));
        for k in 0..size {
            all.push(Article {
                id: format!("g{g}-{k}"),
                kind: ArticleKind::Lead,
                lead_id: None,
                title: "Report".into(),
                caption: None,
                body: body.clone(),
                date: None,
                url: None,
                source: "t.jsonl".into(),
            });
        }
    }
    let n = all.len();
    let forward = engine_of(all.clone(), 1000);
    let backward = engine_of(all.into_iter().rev(), 1000);
    let ranked = |e: &newsidx::search::Engine| {
        let mut req = SearchRequest::new("wheat");
        req.limit = 100;
        let hits = e.search(&req).unwrap().hits;
        assert_eq!(hits.len(), n);
        hits.into_iter()
            .map(|h| (h.score, h.article_id))
            .collect::<Vec<_>>()
    };
    let a = ranked(&forward);
    assert_eq!(a, ranked(&backward));
    // Runs of two and of more (field norms are bucketed: some groups'
    // scores meet).
    let runs: Vec<usize> = a.chunk_by(|x, y| x.0 == y.0).map(<[_]>::len).collect();
    assert!(runs.contains(&2) && runs.iter().any(|&r| r > 2), "{a:?}");
    for w in a.windows(2) {
        assert!(
            w[0].0 > w[1].0 || article_key(&w[0].1) < article_key(&w[1].1),
            "{a:?}"
        );
    }
}

#[test]
fn equal_scores_rank_the_same_whatever_the_order_of_ingest() {
    use newsidx::search::{Collapse, SearchRequest, Sort, range::DateRange};
    use newsidx::store::writer::article_key;
    let forward = tied_engine(0..100);
    let backward = tied_engine((0..100).rev());
    let hits = |e: &newsidx::search::Engine, per_article: usize, sort: Sort| {
        let mut req = SearchRequest::new("wheat");
        req.limit = 10;
        req.per_article = per_article;
        req.sort = sort;
        let r = e.search(&req).unwrap();
        assert!(r.hits.windows(2).all(|w| w[0].score == w[1].score));
        r.hits.into_iter().map(|h| h.passage_id).collect::<Vec<_>>()
    };
    for sort in [Sort::Relevance, Sort::Newest] {
        for per_article in [1, 2] {
            let a = hits(&forward, per_article, sort);
            assert_eq!(a.len(), 10);
            assert_eq!(
                a,
                hits(&backward, per_article, sort),
                "{sort:?}, {per_article}"
            );
        }
    }
    // Ties go by article key, then passage order, over all 200 passages
    // (more than the first fetch of 40): the first ten articles by key.
    let mut ids: Vec<String> = (0..100).map(|i| format!("a{i:03}")).collect();
    ids.sort_by_key(|id| article_key(id));
    let want: Vec<String> = ids[..10].iter().map(|id| format!("{id}#0")).collect();
    assert_eq!(hits(&forward, 1, Sort::Relevance), want);
    let pairs: Vec<String> = ids[..5]
        .iter()
        .flat_map(|id| [format!("{id}#0"), format!("{id}#1")])
        .collect();
    assert_eq!(hits(&backward, 2, Sort::Relevance), pairs);
    // Evaluation ranks the same articles from both (ties by id, as trec_eval).
    let ranked = |e: &newsidx::search::Engine| {
        e.rank_articles("wheat", DateRange::default(), 10, Collapse::Max)
            .unwrap()
    };
    assert_eq!(ranked(&forward), ranked(&backward));
}

#[test]
fn queries_are_analyzed_as_the_index_was_with_and_without_stemming() {
    let env = TestEnv::empty();
    let long = "x".repeat(45);
    env.write(
        "a.jsonl",
        format!(
            "{{\"id\": \"a\", \"title\": \"Runners\", \"body\": \"The mayor runs the city.\"}}\n\
             {{\"id\": \"b\", \"title\": \"Races\", \"body\": \"Running late again, Vučić said {long} today.\"}}\n"
        ),
    );
    env.ok(&["ingest", "a.jsonl", "--index", "stem"], 0);
    env.ok(&["ingest", "a.jsonl", "--index", "plain", "--no-stem"], 0);
    let ids = |index: &str, query: &str| -> Vec<String> {
        let out = env.run(&["search", query, "--index", index, "--format", "tsv"]);
        let mut ids: Vec<String> = out
            .stdout
            .lines()
            .filter_map(|l| l.split('\t').next())
            .map(str::to_string)
            .collect();
        ids.sort();
        ids
    };
    // Stemmed, `run` finds `runs` and `Running`; unstemmed, only the word itself.
    assert_eq!(ids("stem", "run"), ["a", "b"]);
    assert_eq!(ids("stem", "running"), ["a", "b"]);
    assert!(ids("plain", "run").is_empty());
    assert_eq!(ids("plain", "running"), ["b"]);
    // Accents fold either way; phrases keep their positions, and the
    // dropped over-long word still stands between `said` and `today`.
    for index in ["stem", "plain"] {
        assert_eq!(ids(index, "vucic"), ["b"]);
        assert_eq!(ids(index, "\"late again\""), ["b"]);
        assert!(ids(index, "\"said today\"").is_empty());
    }
}

#[test]
fn the_index_file_records_never_come_back_as_hits() {
    let env = TestEnv::with_corpus();
    let words = env
        .ok(&["search", "taliban", "-n", "1000", "--format", "json"], 0)
        .json();
    assert!(!words.is_empty());
    // Queries that could reach a file record (it has no text, only its
    // kind and file fields; read as a hit it would have no article id)
    // keep the filter that hides them.
    for q in [
        "*",
        "kind:file",
        "* -taliban",
        "taliban OR kind:file",
        "taliban^2",
    ] {
        let out = env.run(&[
            "search",
            "-n",
            "1000",
            "--per-article",
            "1000",
            "--format",
            "json",
            "--",
            q,
        ]);
        assert!(out.code <= 1, "{q}: {}", out.stderr);
        for hit in out.json() {
            assert_ne!(s(&hit, "kind"), "file", "{q}: {hit}");
            assert!(!s(&hit, "article_id").is_empty(), "{q}: {hit}");
        }
    }
}

#[test]
fn hits_read_on_several_threads_equal_those_read_on_one() {
    use newsidx::search::{SearchRequest, fetch::PARALLEL_FROM};
    let mut engine = wheat_engine();
    let mut req = SearchRequest::new("wheat prices");
    req.limit = 60;
    req.explain = true;
    assert!(
        req.limit >= PARALLEL_FROM,
        "the test must take the threaded path"
    );
    engine.set_threads(1);
    let one = engine.search(&req).unwrap().hits;
    assert_eq!(one.len(), 60);
    assert!(one.iter().enumerate().all(|(i, h)| h.rank == i + 1));
    assert!(
        one.iter()
            .all(|h| !h.highlights.is_empty() && h.explanation.is_some())
    );
    assert!(one.iter().any(|h| h.snippet.starts_with("Wheat fields")));
    for threads in [2, 3, 8] {
        engine.set_threads(threads);
        assert_eq!(engine.search(&req).unwrap().hits, one, "{threads} threads");
        // A batch's searches run on a thread of the engine's own pool.
        let on_pool = engine.on_pool(|| engine.search(&req).unwrap().hits);
        assert_eq!(on_pool, one, "{threads} threads, on the pool");
    }
}

#[test]
fn searches_run_at_once_on_one_engine_each_get_their_own_hits() {
    use newsidx::search::{SearchRequest, fetch::PARALLEL_FROM};
    // Several threads share one engine (and its pool of two helpers), each
    // with long lists of hits of its own query.
    let queries = ["wheat prices", "traders", "exporters waited", "wheat"];
    let request = |q: &str| {
        let mut req = SearchRequest::new(q);
        req.limit = 60;
        req
    };
    let mut engine = wheat_engine();
    engine.set_threads(1);
    let alone: Vec<_> = queries
        .iter()
        .map(|q| engine.search(&request(q)).unwrap().hits)
        .collect();
    assert!(alone.iter().all(|h| h.len() >= PARALLEL_FROM));
    assert_ne!(alone[0], alone[1]);
    engine.set_threads(3);
    let engine = &engine;
    std::thread::scope(|s| {
        for (i, (q, want)) in queries.iter().zip(&alone).enumerate() {
            s.spawn(move || {
                for _ in 0..5 {
                    let hits = match i % 2 {
                        // Half of them as a batch does, on the pool.
                        0 => engine.on_pool(|| engine.search(&request(q)).unwrap().hits),
                        _ => engine.search(&request(q)).unwrap().hits,
                    };
                    assert_eq!(&hits, want, "{q}");
                }
            });
        }
    });
}

/// Sixty articles, each matching `wheat` a different number of times (and
/// one in its caption only), so every hit has its own score and snippet.
fn wheat_engine() -> newsidx::search::Engine {
    use newsidx::model::{Article, ArticleKind};
    let articles = (0..60).map(|i| Article {
        id: format!("a{i:02}"),
        kind: ArticleKind::Lead,
        lead_id: None,
        title: format!("Report {i}"),
        caption: (i == 7).then(|| "Wheat fields at dawn.".to_string()),
        body: match i {
            7 => "Barley was flat.".to_string(),
            _ => format!(
                "Traders said {} prices rose. Exporters of wheat waited.",
                "wheat ".repeat(i % 13 + 1)
            ),
        },
        date: None,
        url: Some(format!("https://example.com/{i}")),
        source: "t.jsonl".into(),
    });
    engine_of(articles, usize::MAX)
}
