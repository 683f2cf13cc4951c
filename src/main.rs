fn main() -> std::process::ExitCode {
    // First act: an installed, setgid parindex drops the round's group until the store needs it.
    parindex::core::store::privs::init();
    parindex::cli::main()
}
