//! The `kg` command: a thin layer over the library. See `cli` for the commands.

mod cli;

// Queries allocate many short-lived rows; mimalloc serves them faster than the system
// allocator. Only the binary chooses: the library leaves the choice to its user.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
