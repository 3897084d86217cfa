// libFuzzer target: the `run.json` path — `JSONParser.parse` then `KFPWire.run`,
// `KFPWire.runsPage` and `KFPWire.experiments` on whatever parsed.
//
// Invariants: no crash or hang; a parsed number equals what the standard library's correctly
// rounded parser reads from the same text; parsing is deterministic; a run that loads has an
// id; no problem message carries a terminal control character.

@_cdecl("LLVMFuzzerTestOneInput")
public func runJSONFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = inputBytes(data, size)
  let document: JSONValue
  do {
    document = try JSONParser.parse(bytes)
  } catch {
    require(error.line >= 1 && error.column >= 1, "position \(error.line):\(error.column)")
    require(!hasTerminalControl(error.reason), "control character in \(error.reason)")
    return 0
  }
  if case .number(let value) = document, !value.isNaN {
    checkNumber(value, bytes)
  }
  // Described, not compared with `==`: NaN is not equal to itself.
  let again = try? JSONParser.parse(bytes)
  require(
    again.map { String(describing: $0) } == String(describing: document),
    "two parses of the same bytes differ")

  let (run, problems) = KFPWire.run(from: document, location: "runs/a/run.json")
  if let run { require(!run.id.isEmpty, "a run without an id loaded") }
  let page = KFPWire.runsPage(from: document, location: "response")
  let experiments = KFPWire.experiments(from: document, location: "response")
  let (_, fieldProblems) = KFPWire.runFields(from: document, location: "runs/a/run.json")
  for problem in problems + page.problems + experiments.problems + fieldProblems {
    require(!hasTerminalControl(problem.message), "control character in \(problem.message)")
    require(!hasTerminalControl(problem.location), "control character in \(problem.location)")
  }
  return 0
}

/// A top-level number must read exactly as `Double(String)` reads the same token.
func checkNumber(_ value: Double, _ bytes: [UInt8]) {
  var text = String(decoding: bytes, as: UTF8.self)
  if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
  let token = text.trimmingJSONWhitespace()
  guard let expected = Double(token) else { return }
  require(
    value.bitPattern == expected.bitPattern,
    "\(token) parsed as \(value), the standard library reads \(expected)")
}

extension String {
  fileprivate func trimmingJSONWhitespace() -> String {
    let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\n", "\r", "\t"].contains($0) }
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
    while let last = scalars.last, isSpace(last) { scalars.removeLast() }
    return String(scalars)
  }
}
