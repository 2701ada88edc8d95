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

/// Fixes glibc's mmap threshold at its default (128 KiB), once per
/// process. Elsewhere (musl, macOS, Windows) it does nothing.
///
/// The setting is the whole process's, not the index's: a program that
/// uses newsidx as a library and opens a [`NewsWriter`] has every later
/// allocation of 128 KiB or more served by `mmap` (returned to the system
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
                libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
            }
        });
    }
}
