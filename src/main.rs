//! The `kg` command: a thin layer over the library. See `cli` for the commands.

mod cli;

// Queries allocate many short-lived rows; mimalloc serves them faster than the system
// allocator. Only the binary chooses: the library leaves the choice to its user. `Cap`
// counts the bytes held, which is what `--max-memory` measures; its own limit stays off,
// since an allocation it refused would abort kg instead of failing the statement.
#[global_allocator]
static ALLOCATOR: cap::Cap<mimalloc::MiMalloc> = cap::Cap::new(mimalloc::MiMalloc, usize::MAX);

/// `mi_option_purge_delay`'s place in mimalloc 3's `mi_option_t`, for which libmimalloc-sys
/// names no constant.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the memory a statement or an import frees for the next allocations instead of
/// returning it to the system: handing it back only to fault it in again, zeroed page by
/// page, cost a load and whole-graph queries 10-30% of their time (measured on the
/// benchmark workload). The price is that kg's resident size stays at its peak.
#[allow(unsafe_code)] // kg's one unsafe call: an allocator option has no safe setter
fn keep_freed_memory() {
    // SAFETY: mi_option_set stores a number in the option table; every value is valid
    // for this option (-1 turns purging off).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// Keeps the heap in small pages. mimalloc asks for transparent huge pages for its arenas,
/// and a huge page is zeroed whole when first touched: after other programs had freed
/// memory, that made loading the medium benchmark graph take 0.94-1.07 s instead of
/// 0.69-0.91 (the kernel's share 0.5 s instead of 0.2), and kept 173 MiB resident after it
/// instead of 158; queries ran no faster with huge pages. Linux only: elsewhere there is no such flag.
fn use_small_pages() {
    #[cfg(target_os = "linux")]
    // An old kernel without the flag keeps huge pages: slower to load, nothing worse.
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() -> std::process::ExitCode {
    use_small_pages();
    keep_freed_memory();
    kg::limits::set_meter(|| ALLOCATOR.allocated());
    cli::main()
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn the_heap_stays_in_small_pages() {
        super::use_small_pages();
        assert!(rustix::thread::transparent_huge_pages_are_disabled().unwrap());
    }

    /// The option number is mimalloc's purge delay: its default is 1000 ms in mimalloc 3,
    /// which no neighbouring option has.
    #[test]
    #[allow(unsafe_code)]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: mi_option_get reads the option table.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(default, 1000);
        }
        super::keep_freed_memory();
        // SAFETY: as above.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) },
            -1
        );
    }
}
