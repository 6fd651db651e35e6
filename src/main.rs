//! The `sunrota` binary: everything lives in the library.
fn main() -> std::process::ExitCode {
    sunrota::run()
}
