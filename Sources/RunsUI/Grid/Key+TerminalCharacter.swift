extension Key {
  /// The key a character read from the terminal (curses' `get_wch`) stands for: control
  /// characters become the keys they stand for (Ctrl-C is `.control("c")`); other C0 and C1
  /// controls, which no key sends on its own, are nil.
  public init?(terminalCharacter value: UInt32) {
    switch value {
    case 10, 13: self = .enter
    case 9: self = .tab
    case 27: self = .escape
    case 8, 127: self = .backspace
    case 1...26:
      guard let letter = Unicode.Scalar(value + 0x60) else { return nil }
      self = .control(Character(letter))
    case 0..<32, 0x80..<0xA0: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      self = .character(Character(scalar))
    }
  }
}
