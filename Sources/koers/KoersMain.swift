import KoersCommands

/// The `koers` executable: everything lives in KoersCommands, so that tests can run the same commands.
@main
struct KoersMain {
    static func main() async {
        await Koers.main(nil)
    }
}
