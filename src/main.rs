fn main() {
    std::process::exit(soi::cli::main());
}
