fn main() -> std::process::ExitCode {
    parindex::cli::main()
}
