import Foundation
import Testing

/// README says what to type, so what it says must work: its first commands (the demo, the tests,
/// the install step), the scripts it names, every option it shows with `kfp-runs` (an option
/// the binary does not have fails), and every `--demo` command in its shell blocks, run.
@Suite struct ReadmeTests {
  /// The repository's root, two folders above this file's.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func readme() throws -> String {
    try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
  }

  /// The fenced code blocks, in order: each one's language (`sh`, or empty) and lines.
  static func codeBlocks(_ text: String) -> [(language: String, lines: [String])] {
    var blocks: [(language: String, lines: [String])] = []
    var current: (language: String, lines: [String])?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```") {
        if let block = current {
          blocks.append(block)
          current = nil
        } else {
          current = (String(trimmed.dropFirst(3)), [])
        }
      } else if var block = current {
        block.lines.append(String(line))
        current = block
      }
    }
    return blocks
  }

  /// Every `kfp-runs …` command README shows: lines of code blocks (a `$ ` prompt dropped) and
  /// inline code spans, each cut at a pipe, a redirection or a comment.
  static func commands(_ text: String) -> [String] {
    var found: [String] = []
    for block in codeBlocks(text) {
      for line in block.lines {
        var command = line.trimmingCharacters(in: .whitespaces)
        if command.hasPrefix("$ ") { command.removeFirst(2) }
        found.append(command)
      }
    }
    let spans = text.split(separator: "`", omittingEmptySubsequences: false)
    found += stride(from: 1, to: spans.count, by: 2).map { String(spans[$0]) }
    return found.map(Self.cut).filter { $0.split(separator: " ").first == "kfp-runs" }
  }

  /// `command` up to its first `|`, `>` or `#` outside quotes (a Markdown table's `\|` included).
  static func cut(_ command: String) -> String {
    var quote: Character?
    var result = ""
    for character in command {
      if character == quote {
        quote = nil
      } else if quote == nil, character == "'" || character == "\"" {
        quote = character
      }
      if quote == nil, "|>#".contains(character) { break }
      result.append(character)
    }
    if result.hasSuffix("\\") { result.removeLast() }
    return result.trimmingCharacters(in: .whitespaces)
  }

  /// The options (`--name`, without a value after `=`) among `words`.
  static func options(_ words: some Sequence<String>) -> [String] {
    words.filter { $0.hasPrefix("--") && $0.count > 2 }.map {
      String($0.split(separator: "=", maxSplits: 1)[0])
    }
  }

  /// Whether `help` lists `option` as an option (not merely as a prefix of a longer one).
  static func lists(_ help: String, _ option: String) -> Bool {
    var rest = help[...]
    while let range = rest.range(of: option) {
      let next = range.upperBound < rest.endIndex ? rest[range.upperBound] : " "
      if next == " " || next == "\n" || next == "," || next == "=" || next == "<" { return true }
      rest = rest[range.upperBound...]
    }
    return false
  }

  /// `kfp-runs [SUBCOMMAND] --help`, once per subcommand.
  final class Helps: @unchecked Sendable {
    let fixture: Fixture
    let subcommands: [String]
    private var texts: [String: String] = [:]

    init() async throws {
      fixture = try Fixture()
      let root = try await BinaryRunner.run(["--help"], in: fixture.root)
      subcommands = HelpExampleTests.subcommands(in: root.stdout)
    }

    /// The subcommand a command runs: its first word when that is one, else `browse`.
    func subcommand(of words: [String]) -> String {
      words.first.flatMap { subcommands.contains($0) ? $0 : nil } ?? "browse"
    }

    func help(_ subcommand: String) async throws -> String {
      if let text = texts[subcommand] { return text }
      let text = try await BinaryRunner.run([subcommand, "--help"], in: fixture.root).stdout
      texts[subcommand] = text
      return text
    }
  }

  @Test func theFirstCommandsRunTheDemoTheTestsAndInstall() async throws {
    let first = try #require(Self.codeBlocks(Self.readme()).first)
    let commands = first.lines.map { Self.cut($0) }
    #expect(commands.first == "swift run kfp-runs --demo", "\(commands)")
    #expect(commands.dropFirst().first == "swift test", "\(commands)")
    #expect(commands.contains { $0.hasPrefix("scripts/install") }, "\(commands)")
    let install = Self.root.appendingPathComponent("scripts/install").path
    #expect(FileManager.default.isExecutableFile(atPath: install))
    // What `swift run kfp-runs --demo` shows when its output is not a terminal: the demo runs.
    let fixture = try Fixture()
    let demo = try await BinaryRunner.run(["--demo"], in: fixture.root)
    #expect(demo.status == 0, "\(demo.stderr)")
    #expect(demo.stdout.contains("accuracy-score"))
  }

  @Test func everyScriptItNamesExists() throws {
    let text = try Self.readme()
    let pattern = try Regex("scripts/[A-Za-z0-9_.-]*[A-Za-z0-9_]")
    let names = Set(text.matches(of: pattern).map { String(text[$0.range]) })
    #expect(names.contains("scripts/install"))
    for name in names {
      let path = Self.root.appendingPathComponent(name).path
      let executable = !name.hasSuffix(".py") && !name.hasSuffix(".txt")
      #expect(
        executable
          ? FileManager.default.isExecutableFile(atPath: path)
          : FileManager.default.fileExists(atPath: path),
        "README names \(name)")
    }
  }

  @Test func everyScreenshotItShowsExistsAndEveryScreenshotIsShown() throws {
    let text = try Self.readme()
    let pattern = try Regex(#"\(Screenshots/([^)]+\.png)\)"#)
    let shown = Set(
      text.matches(of: pattern).map { String(text[$0.range].dropFirst(13).dropLast()) })
    let folder = Self.root.appendingPathComponent("Screenshots")
    let files = Set(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
        $0.hasSuffix(".png")
      })
    #expect(!shown.isEmpty)
    #expect(shown.subtracting(files).isEmpty, "README shows missing files")
    #expect(files.subtracting(shown).isEmpty, "Screenshots README does not show")
  }

  @Test func everyOptionItShowsExists() async throws {
    let helps = try await Helps()
    let commands = try Self.commands(Self.readme())
    #expect(commands.count >= 10)
    for command in commands {
      let words = HelpExampleTests.words(command).dropFirst()
      let subcommand = helps.subcommand(of: Array(words))
      if subcommand == "help" { continue }
      let help = try await helps.help(subcommand)
      // The argument parser's own options: every command has them, no help lists them all.
      let builtIn = ["--help", "--version", "--generate-completion-script"]
      for option in Self.options(words) where !builtIn.contains(option) {
        #expect(Self.lists(help, option), "README: \(command): \(subcommand) has no \(option)")
      }
    }
    // The options tables: a row whose first cell is an option names one some command has.
    var all = ""
    for subcommand in helps.subcommands where subcommand != "help" {
      all += try await helps.help(subcommand)
    }
    for line in try Self.readme().split(separator: "\n") where line.hasPrefix("| `--") {
      let cell = line.dropFirst(3).prefix { $0 != "`" }
      for option in Self.options(HelpExampleTests.words(String(cell))) {
        #expect(Self.lists(all, option), "README's table: no command has \(option)")
      }
    }
  }

  @Test func everyDemoCommandInItsShellBlocksRuns() async throws {
    let fixture = try Fixture()
    var ran = 0
    for block in try Self.codeBlocks(Self.readme()) where block.language == "sh" {
      for line in block.lines {
        let command = Self.cut(line)
        let words = HelpExampleTests.words(command)
        // `watch` keeps running; the others print and exit.
        guard words.first == "kfp-runs", words.contains("--demo"), !words.contains("watch")
        else { continue }
        let arguments = Array(words.dropFirst())
        let result = try await BinaryRunner.run(arguments, in: fixture.root)
        // The demo's metrics file has errors on purpose: `check` then exits 1.
        let expected: Set<Int32> = arguments.first == "check" ? [0, 1] : [0]
        #expect(expected.contains(result.status), "README: \(command): \(result.stderr)")
        #expect(!result.stdout.isEmpty, "README: \(command) printed nothing")
        ran += 1
      }
    }
    #expect(ran >= 5)
  }

  @Test func shellCompletionScriptsAreGenerated() async throws {
    let fixture = try Fixture()
    for shell in ["bash", "zsh", "fish"] {
      let result = try await BinaryRunner.run(
        ["--generate-completion-script", shell], in: fixture.root)
      #expect(result.status == 0, "\(shell): \(result.stderr)")
      // Subcommands and their options: fish spells an option `-l where`.
      #expect(result.stdout.contains("compare") && result.stdout.contains("where"), "\(shell)")
    }
  }

  @Test func theExtractionFindsCommands() {
    let text = """
      # t
      ```sh
      kfp-runs list --demo --sort x   # comment
      swift test
      ```
      ```
      $ kfp-runs check runs/
      ```
      | `kfp-runs list … \\| head -1` | `kfp-runs-bench` | `--limit N` |
      """
    #expect(
      Self.commands(text) == [
        "kfp-runs list --demo --sort x", "kfp-runs check runs/", "kfp-runs list …",
      ])
    #expect(
      Self.cut("kfp-runs list --where 'a > 1' --sort a > out")
        == "kfp-runs list --where 'a > 1' --sort a")
    #expect(Self.cut("kfp-runs list --where \"a > 1\" | head") == "kfp-runs list --where \"a > 1\"")
    #expect(Self.options(["list", "--sort=a", "--", "x"]) == ["--sort"])
    #expect(Self.lists("  --sort <column>\n  --sorted", "--sort"))
    #expect(!Self.lists("  --sorted\n", "--sort"))
  }
}
