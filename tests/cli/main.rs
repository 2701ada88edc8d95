//! The one integration-test binary: runs `newsidx` in temporary folders.

mod eval;
mod everyday;
mod harness;
mod ingest;
mod regressions;
mod reliability;
mod reuters;
mod search;
mod seed;
