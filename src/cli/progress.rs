//! The import's progress as a bar with rate and ETA, drawn on stderr only when it is a
//! terminal, so scripts and logs never see it. The library reports progress through a
//! callback and draws nothing; this is the callback the `kg` binary gives it.

use indicatif::{ProgressBar, ProgressStyle};
use kg::import::OnProgress;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// A bar over the bytes of the import's files, or nothing when stderr is not a terminal.
pub fn bar_on_terminal() -> Option<OnProgress> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    // Made at the first report, which brings the total, so the rate and ETA count from the
    // start of the import.
    let bar = OnceLock::new();
    Some(OnProgress::new(move |progress| {
        let bar = bar.get_or_init(|| new_bar(progress.total));
        if progress.finished {
            bar.finish_and_clear();
        } else {
            bar.set_position(progress.read);
        }
    }))
}

fn new_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(
        "importing [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}, ETA {eta} {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
