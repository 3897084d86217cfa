// Shared by every fuzz target: compiled together with the RunsCore sources (one module), so
// the targets call RunsCore directly, without `import`.

/// Stops the fuzzer with a message when an invariant does not hold; libFuzzer saves the input.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() {
    fatalError("invariant broken: \(message())")
  }
}

/// Whether `text` holds a scalar that could drive a terminal: C0, DEL, C1 or a bidi control.
func hasTerminalControl(_ text: String) -> Bool {
  text.unicodeScalars.contains { scalar in
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}

/// The fuzzer's input as an array.
func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
  guard let data, size > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: size))
}
