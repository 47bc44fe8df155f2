fn main() -> std::process::ExitCode {
    kk::main()
}
