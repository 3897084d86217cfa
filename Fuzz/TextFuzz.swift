// libFuzzer target: `TextSanitizer.clean` and `TextLayout.fit` / `pad` on arbitrary text.
//
// Invariants: nothing that drives a terminal survives `clean`; `clean` is idempotent and keeps
// printable ASCII as is; `fit` is never wider than asked and is a prefix (plus `…`) of its
// input; `pad` is exactly as wide as asked.

@_cdecl("LLVMFuzzerTestOneInput")
public func textFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var bytes = inputBytes(data, size)
  // The first byte picks the width, so one input exercises every width up to 255.
  let width = bytes.isEmpty ? 0 : Int(bytes.removeFirst()) - 8
  let text = String(decoding: bytes, as: UTF8.self)

  let clean = TextSanitizer.clean(text)
  require(!hasTerminalControl(clean), "control character survived clean: \(Array(clean.utf8))")
  require(TextSanitizer.clean(clean) == clean, "clean is not idempotent: \(Array(text.utf8))")
  if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
    require(clean == text, "printable ASCII changed")
  }

  for candidate in [text, clean] {
    let fitted = TextLayout.fit(candidate, width: width)
    let cells = DisplayWidth.of(fitted)
    require(cells <= max(width, 0), "fit to \(width) is \(cells) cells: \(Array(candidate.utf8))")
    if fitted != candidate && width > 0 {
      require(fitted.hasSuffix(TextLayout.ellipsis), "cut text without …")
      let kept = fitted.dropLast()
      require(
        candidate.unicodeScalars.starts(with: kept.unicodeScalars),
        "fit is not a prefix: \(Array(candidate.utf8))")
    }
    let padded = TextLayout.pad(candidate, width: width, alignRight: width % 2 == 0)
    let paddedCells = DisplayWidth.of(padded)
    if width > 0 {
      require(
        paddedCells == width, "pad to \(width) is \(paddedCells) cells: \(Array(candidate.utf8))")
    } else {
      require(padded.isEmpty, "pad to \(width) is not empty")
    }
  }
  return 0
}
