//! `TestEnv`: a temporary working directory with the bundled corpus, and
//! helpers to run the binary in it.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The seed page shipped in `corpus/`.
pub const SEED: &str = "000_3fa42d7a40e473df";

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it exited.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// The stdout as JSON Lines.
    pub fn json(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }
}

impl TestEnv {
    /// An empty working directory.
    pub fn empty() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A working directory with a copy of the bundled `corpus/`.
    pub fn with_corpus() -> TestEnv {
        let env = TestEnv::empty();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        std::fs::create_dir(env.path("corpus")).expect("mkdir");
        for entry in std::fs::read_dir(corpus).expect("corpus/") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), env.path("corpus").join(entry.file_name())).expect("copy");
        }
        env
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, content).expect("write");
    }

    /// Runs `newsidx ARGS` in the directory.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, "")
    }

    /// Runs `newsidx ARGS` in the directory with `input` on standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let out = Command::cargo_bin("newsidx")
            .expect("binary")
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .args(args)
            .write_stdin(input)
            .output()
            .expect("run");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and expects the exit code.
    pub fn ok(&self, args: &[&str], code: i32) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.code, code,
            "newsidx {args:?}\nstdout:\n{}\nstderr:\n{}",
            out.stdout, out.stderr
        );
        out
    }

    /// Every passage in the index, as JSON hits (`*` matches all).
    pub fn all_passages(&self, index: &str) -> Vec<Value> {
        self.ok(
            &[
                "search",
                "*",
                "--index",
                index,
                "--limit",
                "100000",
                "--per-article",
                "10000",
                "--format",
                "json",
            ],
            0,
        )
        .json()
    }
}

/// A string field of a JSON hit.
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}
