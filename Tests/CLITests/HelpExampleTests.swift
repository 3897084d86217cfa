import Foundation
import Testing

/// Every example in every `--help` works: each is run with its SOURCE (a path or URL) replaced by
/// `--demo`, so the examples must use what the demo has (its metric and experiment names).
@Suite struct HelpExampleTests {
  /// The example lines of `kfp-runs [SUBCOMMAND] --help`: the indented lines starting with
  /// `kfp-runs ` after an `Examples:` heading.
  static func examples(in help: String) -> [String] {
    var inExamples = false
    var found: [String] = []
    for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed == "Examples:" {
        inExamples = true
      } else if inExamples, trimmed.hasPrefix("kfp-runs ") {
        found.append(trimmed)
      } else if inExamples, line.hasPrefix("      "), !trimmed.isEmpty, !found.isEmpty {
        // A continuation: the help was wrapped inside an example, which then cannot be
        // copied; kept on the example so running it shows what broke.
        found[found.count - 1] += " ⏎ " + trimmed
      } else if inExamples, !trimmed.isEmpty {
        inExamples = false
      }
    }
    return found
  }

  /// The subcommands `kfp-runs --help` lists.
  static func subcommands(in help: String) -> [String] {
    guard let start = help.range(of: "SUBCOMMANDS:") else { return [] }
    return help[start.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("  See") }
      .compactMap { line in
        let words = line.split(separator: " ")
        guard line.hasPrefix("  "), !line.hasPrefix("    "), let first = words.first else {
          return nil
        }
        return String(first)
      }
  }

  /// `line` split as a shell splits it: at spaces, except inside single quotes.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "'" {
        quoted.toggle()
        started = true
      } else if character == " ", !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }

  /// `arguments` with a path or URL argument replaced by `--demo` (once); `--demo` as is.
  static func onDemo(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var replaced = false
    for argument in arguments {
      if argument.contains("/") || argument == "." {
        if !replaced && !arguments.contains("--demo") { result.append("--demo") }
        replaced = true
      } else {
        result.append(argument)
      }
    }
    return result
  }

  @Test func everyHelpExampleWorksOnTheDemo() async throws {
    let fixture = try Fixture()
    let root = try await BinaryRunner.run(["--help"], in: fixture.root)
    let commands = Self.subcommands(in: root.stdout)
    #expect(commands.contains("list") && commands.contains("compare"), "\(root.stdout)")
    var ran = 0
    // `watch` follows its source until Ctrl-C, and the demo never changes: WatchCommandTests
    // runs its examples' forms (text, `--format jsonl`, `--until-done`) on a directory.
    for command in [[]] + commands.filter({ $0 != "watch" }).map({ [$0] }) {
      let help = try await BinaryRunner.run(command + ["--help"], in: fixture.root)
      let examples = Self.examples(in: help.stdout)
      #expect(!examples.isEmpty, "kfp-runs \(command) --help has no example")
      for example in examples {
        #expect(!example.contains("⏎"), "the help wraps the example \(example)")
        let words = Self.words(example).dropFirst()
        let arguments = Self.onDemo(Array(words))
        let result = try await BinaryRunner.run(arguments, in: fixture.root)
        // `check` exits 1 when it finds errors, which the demo's metrics file has on purpose.
        let expected: Set<Int32> = arguments.first == "check" ? [0, 1] : [0]
        #expect(
          expected.contains(result.status),
          "\(example) → kfp-runs \(arguments.joined(separator: " ")): \(result.stderr)")
        #expect(!result.stdout.isEmpty, "\(example) printed nothing")
        ran += 1
      }
    }
    #expect(ran >= 8)
  }

  @Test func theExtractionFindsExamples() {
    let help =
      "OVERVIEW: x\n\n  Examples:\n    kfp-runs list runs/ --sort a\n    kfp-runs b\n\nOPTIONS:\n"
    #expect(Self.examples(in: help) == ["kfp-runs list runs/ --sort a", "kfp-runs b"])
    #expect(Self.onDemo(["list", "runs/", "--sort", "a"]) == ["list", "--demo", "--sort", "a"])
    #expect(Self.onDemo(["--demo"]) == ["--demo"])
    #expect(Self.words("list --where 'a > 1' x") == ["list", "--where", "a > 1", "x"])
  }
}
