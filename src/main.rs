//! The `kg` command: a thin layer over the library. See `cli` for the commands.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
