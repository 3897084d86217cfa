import Foundation

/// The program's command-line arguments, the program's path first.
///
/// With the Swift runtime linked into the binary (scripts/release-build), the runtime finds
/// `argv` on Linux by walking back from `environ` over the initial stack. CBacktracePolicy's
/// constructor, which runs before that and adds `SWIFT_BACKTRACE` when it is not set, moves
/// `environ` to the heap, and `CommandLine.arguments` comes back empty: every argument would be
/// ignored. `/proc/self/cmdline` holds them all the same.
enum ProgramArguments {
  static let all: [String] = {
    if !CommandLine.arguments.isEmpty { return CommandLine.arguments }
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/cmdline"),
      let data = try? handle.readToEnd()
    else { return [] }
    return parse(Array(data))
  }()

  /// The NUL-terminated arguments of `/proc/self/cmdline` (an empty argument stays).
  static func parse(_ bytes: [UInt8]) -> [String] {
    var parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
    if bytes.last == 0 { parts.removeLast() }
    return parts.map { String(decoding: $0, as: UTF8.self) }
  }
}
