//! The `kg` command: a thin layer over the library. See `cli` for the commands.

mod cli;

// Queries allocate many short-lived rows; mimalloc serves them faster than the system
// allocator. Only the binary chooses: the library leaves the choice to its user. `Cap`
// counts the bytes held, which is what `--max-memory` measures; its own limit stays off,
// since an allocation it refused would abort kg instead of failing the statement.
#[global_allocator]
static ALLOCATOR: cap::Cap<mimalloc::MiMalloc> = cap::Cap::new(mimalloc::MiMalloc, usize::MAX);

fn main() -> std::process::ExitCode {
    kg::limits::set_meter(|| ALLOCATOR.allocated());
    cli::main()
}
