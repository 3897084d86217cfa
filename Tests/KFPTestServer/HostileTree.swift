import Foundation
import RunsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A runs directory built from hostile inputs, for the robustness tests of every loader and of
/// the binary: special files named like metrics files, symlink loops, absurd nesting, random
/// bytes, invalid UTF-8, non-finite numbers, byte order marks, CRLF, empty files, `run.json`
/// files with every field of the wrong type, terminal escape sequences, C1 controls and bidi
/// overrides in names, and CJK and emoji names. Generated on the spot: no binary files in the
/// repository. Removed when released.
///
/// Every case is one run directory that also holds a valid metrics file, so a test can check
/// both halves of the rule: each bad file is named by a problem, and nothing valid is lost.
public final class HostileTree: @unchecked Sendable {
  /// One run directory of the tree.
  public struct Case: Sendable {
    /// The run directory's name (the run's default id).
    public var directory: String
    /// The run's id: the directory's name unless a valid `run.json` gives one.
    public var runID: String
    /// Paths relative to the root that must each be named by at least one problem.
    public var badFiles: [String]
    /// The metric names the run must still have.
    public var validMetrics: [String]
  }

  /// The file name every loader looks for.
  public static let metricsFile = "mlpipeline-metrics.json"
  /// A run name made of the sequences a terminal would obey: clear screen, set the window
  /// title, a one-byte C1 CSI, a bidi override.
  public static let controlName = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{9B}31mred\u{202E}txt.exe"
  /// A directory name holding an escape sequence and a C1 control.
  public static let controlDirectory = "\u{1B}[31mesc-dir\u{9B}1m"
  /// A directory name holding a bidi override.
  public static let bidiDirectory = "bidi-\u{202E}gnp.exe"
  /// A directory name in CJK with an emoji.
  public static let cjkDirectory = "実験-🚀"
  /// The run name `run.json` gives the CJK run.
  public static let cjkName = "日本語 🚀 👩‍🔬 run"

  /// The tree's root (symlinks resolved, so printed paths match it).
  public let root: String
  /// Every run directory written, in name order.
  public private(set) var cases: [Case] = []

  /// Writes the tree. `bigRunMetrics` > 0 adds the run `big` whose one metrics file holds that
  /// many distinct metrics (200,000 make a file of about 11 MB).
  public init(bigRunMetrics: Int = 0) throws {
    let base = FileManager.default.temporaryDirectory
      // Short: a socket's path must fit in `sun_path` (104 bytes on macOS).
      .appendingPathComponent("kfp-hostile-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    root = base.resolvingSymlinksInPath().path
    try writeCases()
    if bigRunMetrics > 0 {
      try write("big/\(Self.metricsFile)", Self.bigMetricsFile(count: bigRunMetrics))
      cases.append(
        Case(
          directory: "big", runID: "big", badFiles: [],
          validMetrics: ["m-0", "m-\(bigRunMetrics - 1)"]))
    }
    cases.sort { Array($0.directory.utf8).lexicographicallyPrecedes(Array($1.directory.utf8)) }
  }

  deinit {
    try? FileManager.default.removeItem(atPath: root)
  }

  /// The absolute path of `relative`.
  public func path(_ relative: String) -> String {
    root + "/" + relative
  }

  /// A metrics file of `count` metrics named `m-0` … with distinct values.
  public static func bigMetricsFile(count: Int) -> [UInt8] {
    var text = #"{"metrics": ["#
    text.reserveCapacity(count * 56)
    for index in 0..<count {
      if index > 0 { text += ",\n" }
      text += #"{"name": "m-\#(index)", "numberValue": \#(Double(index) / 7), "format": "RAW"}"#
    }
    return Array((text + "]}\n").utf8)
  }

  // MARK: The cases

  private func writeCases() throws {
    try add("good", id: "good-id", valid: ["accuracy-score", "loss"]) { directory in
      try write(
        "\(directory)/run.json",
        #"{"id": "good-id", "name": "good run", "status": "Succeeded", "created_at": "2026-01-02T03:04:05Z"}"#
      )
    }
    try add("fifo", valid: ["f1"], bad: ["fifo/\(Self.metricsFile)"]) { directory in
      try check(mkfifo(path("\(directory)/\(Self.metricsFile)"), 0o644), "mkfifo")
    }
    try add("socket", valid: ["s1"], bad: ["socket/\(Self.metricsFile)"]) { directory in
      try bindSocket(path("\(directory)/\(Self.metricsFile)"))
    }
    try add("loop", valid: ["l1"], bad: ["loop/self/\(Self.metricsFile)"]) { directory in
      try symlink("\(directory)/valid-step/up", to: "..")
      try symlink("\(directory)/valid-step/again", to: ".")
      try makeDirectory("\(directory)/self")
      try symlink("\(directory)/self/\(Self.metricsFile)", to: Self.metricsFile)
    }
    try add("deep", valid: ["d1"], bad: ["deep/\(Self.metricsFile)"]) { directory in
      try write("\(directory)/\(Self.metricsFile)", String(repeating: "[", count: 200_000))
    }
    try add("deep-object", valid: ["d2"], bad: ["deep-object/\(Self.metricsFile)"]) { directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        String(repeating: #"{"metrics": ["#, count: 100_000))
    }
    let nested = Array(repeating: "n", count: 80).joined(separator: "/")
    try add("deep-dirs", valid: ["d3"], bad: ["deep-dirs/\(nested)/\(Self.metricsFile)"]) {
      directory in
      try write(
        "\(directory)/\(nested)/\(Self.metricsFile)",
        #"{"metrics": [{"name": "too-deep", "numberValue": 1}]}"#)
    }
    try add("random", valid: ["r1"], bad: ["random/\(Self.metricsFile)", "random/run.json"]) {
      directory in
      var generator = SeededRandom(seed: 0x6B66_702D_7275_6E73)
      let noise = (0..<8192).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      try write("\(directory)/\(Self.metricsFile)", [0x7B] + noise)
      try write("\(directory)/run.json", noise)
    }
    try add("bad-utf8", valid: ["u1"], bad: ["bad-utf8/\(Self.metricsFile)", "bad-utf8/run.json"]) {
      directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        Array(#"{"metrics": [{"name": "a"#.utf8) + [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80]
          + Array(#"", "numberValue": 1}]}"#.utf8))
      try write(
        "\(directory)/run.json",
        Array(#"{"id": "x", "name": "broken "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
    }
    try add(
      "nonfinite", valid: [], alsoKept: ["ok-1"], bad: ["nonfinite/\(Self.metricsFile)"]
    ) { directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        """
        {"metrics": [
          {"name": "nan", "numberValue": NaN},
          {"name": "inf", "numberValue": Infinity},
          {"name": "ninf", "numberValue": -Infinity},
          {"name": "snan", "numberValue": "NaN"},
          {"name": "huge", "numberValue": 1e400},
          {"name": "nhuge", "numberValue": -1e400},
          {"name": "ok-1", "numberValue": 1e-400}
        ]}
        """)
    }
    try add("bom", valid: [], alsoKept: ["b1"]) { directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        [0xEF, 0xBB, 0xBF] + Array(#"{"metrics": [{"name": "b1", "numberValue": 0.5}]}"#.utf8))
    }
    try add("crlf", valid: [], alsoKept: ["c1"]) { directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        "{\r\n\"metrics\": [\r\n{\"name\": \"c1\",\r\n\"numberValue\": 2}\r\n]\r\n}\r\n")
    }
    try add("empty", valid: ["e0"], bad: ["empty/\(Self.metricsFile)", "empty/run.json"]) {
      directory in
      try write("\(directory)/\(Self.metricsFile)", "")
      try write("\(directory)/run.json", "")
    }
    try add("wrong-types", valid: ["w1"], bad: ["wrong-types/run.json"]) { directory in
      try write(
        "\(directory)/run.json",
        """
        {"id": 12, "name": ["n"], "status": {"s": 1}, "created_at": 5, "finished_at": false,
         "error": 3, "pipeline_spec": "spec",
         "resource_references": {"key": "x"}, "metrics": "none",
         "description": null, "storage_state": 7}
        """)
    }
    try add("wrong-nested", valid: ["w2"], bad: ["wrong-nested/run.json"]) { directory in
      try write(
        "\(directory)/run.json",
        """
        {"run": {"created_at": "2026-13-45T99:99:99Z",
         "pipeline_spec": {"pipeline_name": 4, "parameters": [7, {"name": 1}, {"name": "p", "value": []}]},
         "resource_references": [3, {"key": 4}, {"key": {"type": [], "id": 2}, "name": {}}],
         "metrics": [1, {"name": 2}, {"name": "m", "number_value": "x", "node_id": []}]}}
        """)
    }
    try add(
      "controls", id: "ctl-id\u{1B}[5m", valid: ["c-ok"], alsoKept: ["ok-ctl"],
      bad: ["controls/\(Self.metricsFile)"]
    ) { directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        #"{"metrics": [{"name": "bad\u001b[31m\u009b\u202e", "numberValue": 1}, {"name": "ok-ctl", "numberValue": 2}]}"#
      )
      try write(
        "\(directory)/run.json",
        """
        {"id": "ctl-id\\u001b[5m", "name": \(Self.jsonString(Self.controlName)), "status": "Failed",
         "error": "\\u001b]52;c;cGF5bG9hZA==\\u0007\\u202e",
         "pipeline_spec": {"pipeline_name": "\\u009b2J", "parameters": [
           {"name": "p\\u001b[1m", "value": "v\\u0085\\u2028\\u202e"}]},
         "resource_references": [{"key": {"type": "EXPERIMENT", "id": "e\\u001b"}, "name": "exp\\u009d0;x\\u009c"}]}
        """)
    }
    try add(
      "long-names", id: "long-id", valid: ["long-1"],
      bad: ["long-names/\(Self.metricsFile)"]
    ) { directory in
      try write(
        "\(directory)/\(Self.metricsFile)",
        #"{"metrics": [{"name": "\#(String(repeating: "a", count: 100_000))", "numberValue": 1}]}"#)
      // One grapheme cluster of 100,000 combining marks, then a megabyte of ASCII.
      let zalgo = "z" + String(repeating: "\u{0301}", count: 100_000) + " zalgo"
      try write(
        "\(directory)/run.json",
        #"{"id": "long-id", "name": \#(Self.jsonString(zalgo)), "pipeline_spec": {"#
          + #""pipeline_name": "\#(String(repeating: "p", count: 1 << 20))", "parameters": ["#
          + #"{"name": "\#(String(repeating: "k", count: 100_000))", "value": "v"}]}}"#)
    }
    try add(Self.controlDirectory, valid: ["e1"])
    try add(Self.bidiDirectory, valid: ["e2"])
    try add(Self.cjkDirectory, id: "cjk-id", valid: ["cjk-1"]) { directory in
      try write(
        "\(directory)/run.json",
        #"{"id": "cjk-id", "name": \#(Self.jsonString(Self.cjkName)), "status": "Succeeded"}"#)
    }
    // A name that is not UTF-8 at all: only byte-level `mkdir` and `open` can make it.
    let rawName: [UInt8] = Array("raw-".utf8) + [0xFF, 0xFE]
    let rawPath = Array(root.utf8) + [UInt8(ascii: "/")] + rawName
    try check(cPath(rawPath) { mkdir($0, 0o755) }, "mkdir")
    let body = Array(#"{"metrics": [{"name": "raw-1", "numberValue": 3}]}"#.utf8)
    let descriptor = cPath(rawPath + Array("/\(Self.metricsFile)".utf8)) {
      open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }
    guard descriptor >= 0 else { throw HostileTreeError(message: "open failed") }
    defer { close(descriptor) }
    guard body.withUnsafeBytes({ posixWrite(descriptor, $0) }) == body.count
    else { throw HostileTreeError(message: "write failed") }
    let rawDirectory = String(decoding: rawName, as: UTF8.self)
    cases.append(
      Case(directory: rawDirectory, runID: rawDirectory, badFiles: [], validMetrics: ["raw-1"]))
  }

  /// Writes a run directory: a valid metrics file with `valid` in its step `valid-step` (when
  /// `valid` is not empty), then the hostile part `extra` adds. The run must keep `valid` and
  /// `alsoKept` (valid entries inside the hostile files), and each of `bad` must be named.
  private func add(
    _ directory: String, id: String? = nil, valid: [String], alsoKept: [String] = [],
    bad: [String] = [], extra: (String) throws -> Void = { _ in }
  ) throws {
    if valid.isEmpty {
      try makeDirectory(directory)
    } else {
      let entries = valid.map {
        #"{"name": "\#($0)", "numberValue": 0.25, "format": "PERCENTAGE"}"#
      }
      try write(
        "\(directory)/valid-step/\(Self.metricsFile)",
        #"{"metrics": [\#(entries.joined(separator: ", "))]}"#)
    }
    try extra(directory)
    cases.append(
      Case(
        directory: directory, runID: id ?? directory, badFiles: bad,
        validMetrics: valid + alsoKept))
  }

  // MARK: Writing

  private func write(_ relative: String, _ text: String) throws {
    try write(relative, Array(text.utf8))
  }

  private func write(_ relative: String, _ bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path(relative))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  private func makeDirectory(_ relative: String) throws {
    try FileManager.default.createDirectory(
      atPath: path(relative), withIntermediateDirectories: true)
  }

  private func symlink(_ relative: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: path(relative), withDestinationPath: destination)
  }

  private func check(_ status: Int32, _ call: String) throws {
    guard status == 0 else {
      throw HostileTreeError(message: "\(call): \(String(cString: strerror(errno)))")
    }
  }

  /// Calls `body` with `bytes` as a NUL-terminated C path.
  private func cPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    // An array argument is passed to a pointer parameter as a pointer to its elements.
    func call(_ path: UnsafePointer<CChar>) -> T { body(path) }
    return call(bytes.map { CChar(bitPattern: $0) } + [0])
  }

  /// Leaves a UNIX domain socket file at `path` (the file stays after the descriptor closes).
  private func bindSocket(_ path: String) throws {
    #if canImport(Glibc)
      let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw HostileTreeError(message: "socket failed") }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else {
      throw HostileTreeError(message: "socket path longer than \(capacity - 1) bytes: \(path)")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      buffer.copyBytes(from: bytes)
      buffer[bytes.count] = 0
    }
    let status = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    try check(status, "bind")
  }

  /// `text` as a JSON string literal with every non-ASCII scalar and control escaped.
  static func jsonString(_ text: String) -> String {
    var result = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: result += "\\\""
      case 0x5C: result += "\\\\"
      case 0x20..<0x7F: result.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return result + "\""
  }
}

/// Why the hostile tree could not be written.
public struct HostileTreeError: Error, CustomStringConvertible {
  public var message: String
  public init(message: String) { self.message = message }
  public var description: String { message }
}

/// POSIX `write` (inside `HostileTree` its own `write` methods would shadow it).
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
  write(descriptor, bytes.baseAddress, bytes.count)
}
