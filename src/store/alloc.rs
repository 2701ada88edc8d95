//! Keeping an ingest's memory flat: glibc's allocator told to give freed
//! indexing buffers back to the system.
//!
//! tantivy's indexing threads allocate their buffers in 1 MiB pages and
//! free them all when a segment is written. glibc serves a large block
//! with `mmap` (returned on free) only until the first such block is
//! freed; then it raises its threshold and serves the next ones from its
//! heaps, which keep freed memory. Each segment written then left its
//! buffers behind: private memory grew by about 30 MB per commit, 60 MB
//! at the Reuters corpus's size and 180 MB at 16 times it. With the
//! threshold fixed, the memory returns after every segment and the peak
//! no longer grows with the corpus (`benches/README.md`, "Growth with
//! corpus size").
//!
//! The threshold is fixed at the pages' size, 1 MiB, not at glibc's
//! default of 128 KiB: smaller blocks that come and go many times (the
//! regex compiler's tables, a few hundred KiB per rule; tantivy's queue
//! of 10,000 slots, made again at each commit; a term dictionary
//! builder's registry per field) were each mapped and faulted in anew.
//! One page's ingest took 7,200 page faults with 128 KiB and 3,950 with
//! 1 MiB (38-39 ms against 46-48 ms), Reuters 24,000 and 17,000; the
//! peak private memory at 4x and 16x Reuters stayed where it was
//! (`benches/README.md`).

/// Fixes glibc's mmap threshold at 1 MiB, once per process. Elsewhere
/// (musl, macOS, Windows) it does nothing.
///
/// The setting is the whole process's, not the index's: a program that
/// uses newsidx as a library and opens a [`NewsWriter`] has every later
/// allocation of 1 MiB or more served by `mmap` (returned to the system
/// when freed, a little slower to get). Nothing else in the process is
/// told; a program that tunes glibc itself should set its threshold after
/// opening the writer.
///
/// [`NewsWriter`]: super::writer::NewsWriter
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only sets an allocator parameter; it is called
            // once, and a refusal (return 0) leaves the default behaviour.
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
            }
        });
    }
}
