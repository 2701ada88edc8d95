//! The one integration-test binary: runs `newsidx` in temporary folders.

mod harness;
mod ingest;
mod reuters;
mod search;
mod seed;
