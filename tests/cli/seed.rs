//! The seed page: cleaning, teasers, dates and passages, exactly.

use crate::harness::{SEED, TestEnv, s};
use serde_json::Value;
use std::collections::BTreeMap;

fn articles(env: &TestEnv) -> BTreeMap<String, Vec<Value>> {
    let mut by_article: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for p in env.all_passages("index") {
        by_article
            .entry(s(&p, "article_id").to_string())
            .or_default()
            .push(p);
    }
    by_article
}

fn ingested() -> TestEnv {
    let env = TestEnv::with_corpus();
    let out = env.ok(&["ingest"], 0);
    assert!(
        out.stderr.contains("1 articles, 8 teasers"),
        "{}",
        out.stderr
    );
    env
}

#[test]
fn the_seed_yields_one_lead_and_eight_dated_or_undated_teasers() {
    let env = ingested();
    let arts = articles(&env);
    assert_eq!(arts.len(), 9, "{:?}", arts.keys().collect::<Vec<_>>());
    let lead = &arts[SEED][0];
    assert_eq!(s(lead, "kind"), "lead");
    assert_eq!(
        s(lead, "title"),
        "As Pakistan confronts the Taliban, Washington backs Islamabad — kind of"
    );
    assert!(lead["date"].is_null(), "the lead states no date: {lead}");

    // Each teaser: its own id, linked to the lead, a title, and the date of
    // its caption's dateline or none.
    let expected = [
        (
            "t1",
            Some("2024-12-11"),
            "The lead prosecutor in South Korea",
        ),
        ("t2", Some("2024-12-08"), "Romanians are still absorbing"),
        ("t3", None, "Faced with a political impasse"),
        ("t4", None, "With all of the millions of Syrian refugees"),
        ("t5", None, "What will be the #1 concern"),
        (
            "t6",
            Some("2024-12-08"),
            "Turkish president Recep Tayyip Erdogan",
        ),
        ("t7", None, "Why did you originally think Assad"),
        (
            "t8",
            Some("2024-12-10"),
            "Serbian President Aleksandar Vučić",
        ),
    ];
    for (t, date, title_start) in expected {
        let id = format!("{SEED}/{t}");
        let p = &arts.get(&id).unwrap_or_else(|| panic!("no teaser {id}"))[0];
        assert_eq!(s(p, "kind"), "teaser");
        assert_eq!(p["lead_id"].as_str(), Some(SEED));
        assert!(
            s(p, "title").starts_with(title_start),
            "{id}: {}",
            s(p, "title")
        );
        assert_eq!(p["date"].as_str(), date, "{id}");
        if date.is_some() {
            assert_eq!(s(p, "date_source"), "caption");
            assert!(!s(p, "caption").is_empty());
        }
    }
    let caption = s(&arts[&format!("{SEED}/t8")][0], "caption");
    assert!(
        caption.starts_with("FREIBERG, GERMANY - DECEMBER 10"),
        "{caption}"
    );
}

#[test]
fn boilerplate_never_reaches_a_passage_and_the_repeated_caption_is_kept_once() {
    let env = ingested();
    let passages = env.all_passages("index");
    assert!(passages.len() > 9);
    let mut soldiers = 0;
    for p in &passages {
        for field in ["text", "caption", "title"] {
            let t = s(p, field);
            for bad in [
                "REUTERS/",
                "Getty Images",
                "dpa via",
                "Reuters Connect",
                "- YouTube",
                "Watch live",
                "gzeromedia.com",
                "More from GZERO",
            ] {
                assert!(
                    !t.contains(bad),
                    "{bad:?} in {field} of {}: {t}",
                    s(p, "passage_id")
                );
            }
            soldiers += t.matches("Soldiers drive toward North Waziristan").count();
        }
    }
    assert_eq!(
        soldiers, 1,
        "the caption shown twice on the page is kept once"
    );
    // The livestream teaser keeps the promo's URL as its link.
    let promo = passages
        .iter()
        .find(|p| s(p, "article_id").ends_with("/t5"))
        .unwrap();
    assert_eq!(s(promo, "url"), "https://www.gzeromedia.com/toprisks");
}

#[test]
fn passages_are_sentence_aligned_and_their_ids_are_stable() {
    let env = ingested();
    let first: Vec<String> = env
        .all_passages("index")
        .iter()
        .map(|p| format!("{} {}", s(p, "passage_id"), s(p, "text")))
        .collect();
    for p in env.all_passages("index") {
        let text = s(&p, "text");
        assert!(
            text.ends_with(['.', '?', '!', '”', '"']),
            "ends mid-sentence: {text}"
        );
        assert!(text.split_whitespace().count() <= 180);
    }
    // A fresh index of the same input has the same passages and ids.
    env.ok(&["ingest", "corpus", "--index", "again"], 0);
    let mut second: Vec<String> = env
        .all_passages("again")
        .iter()
        .map(|p| format!("{} {}", s(p, "passage_id"), s(p, "text")))
        .collect();
    let mut first = first;
    first.sort();
    second.sort();
    assert_eq!(first, second);
}
