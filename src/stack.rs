//! Recursion that cannot overflow the stack. Walks over syntax trees, plans and values recurse
//! once per level of nesting, and the stack a thread has is not kg's to choose (8 MiB for a
//! program's main thread, 2 MiB for threads Rust starts, less in a debug build's large frames
//! than the depth limit needs). Each recursive walk runs its step through [`guarded`], which
//! continues on a new stack segment when the current one runs low, as rustc does.
//!
//! Evaluation takes a guarded step per expression node and row, so the check that there is
//! room is kept to a comparison: the lowest usable address of the current segment is cached
//! per thread, and stacker (which knows the segment's bounds) is asked only when the cache is
//! empty or the room has run out.

use std::cell::Cell;

/// What a step may use before the next check: generous, as debug builds have large frames.
const RED_ZONE: usize = 256 * 1024;

/// The size of each new segment.
const SEGMENT: usize = 4 * 1024 * 1024;

thread_local! {
    /// The lowest address the current stack segment may grow down to, or 0 if not known yet.
    /// (Stacks grow down on every target kg builds for.)
    static LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// An address in the caller's frame.
#[inline(always)]
fn here() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// Runs `f`, on a new stack segment if fewer than [`RED_ZONE`] bytes are left.
#[inline]
pub(crate) fn guarded<R>(f: impl FnOnce() -> R) -> R {
    let limit = LIMIT.with(Cell::get);
    if limit != 0 && here().saturating_sub(limit) >= RED_ZONE {
        return f();
    }
    with_at_least(RED_ZONE, f)
}

/// Runs `f` with at least `bytes` of stack left, for code that recurses where it cannot be
/// guarded (inside the parser crate) but whose need is known beforehand.
pub(crate) fn with_at_least<R>(bytes: usize, f: impl FnOnce() -> R) -> R {
    let _restore = Restore(LIMIT.with(Cell::get));
    stacker::maybe_grow(bytes, bytes.max(SEGMENT), || {
        let _restore = Restore(LIMIT.with(|l| l.replace(segment_limit())));
        f()
    })
}

/// Puts back the cached limit of the segment a step started on, however the step ends.
struct Restore(usize);

impl Drop for Restore {
    fn drop(&mut self) {
        let limit = if self.0 == 0 { segment_limit() } else { self.0 };
        LIMIT.with(|l| l.set(limit));
    }
}

/// The lowest address of the segment this runs on, from stacker; where the bounds are not
/// known, an address that lets every step run (stacker itself cannot grow the stack there).
fn segment_limit() -> usize {
    match stacker::remaining_stack() {
        Some(remaining) => here().saturating_sub(remaining).max(1),
        None => 1,
    }
}
