//! Recursion that cannot overflow the stack. Walks over syntax trees, plans and values recurse
//! once per level of nesting, and the stack a thread has is not kg's to choose (8 MiB for a
//! program's main thread, 2 MiB for threads Rust starts, less in a debug build's large frames
//! than the depth limit needs). Each recursive walk runs its step through [`guarded`], which
//! continues on a new stack segment when the current one runs low, as rustc does.

/// What a step may use before the next check: generous, as debug builds have large frames.
const RED_ZONE: usize = 256 * 1024;

/// The size of each new segment.
const SEGMENT: usize = 4 * 1024 * 1024;

/// Runs `f`, on a new stack segment if fewer than [`RED_ZONE`] bytes are left.
pub(crate) fn guarded<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}

/// Runs `f` with at least `bytes` of stack left, for code that recurses where it cannot be
/// guarded (inside the parser crate) but whose need is known beforehand.
pub(crate) fn with_at_least<R>(bytes: usize, f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(bytes, bytes.max(SEGMENT), f)
}
