import Testing

@testable import RunsCore

@Suite struct KeySortTests {
  /// The radix sort orders by the bits from `lowBit` up and keeps the input order of values
  /// that are equal there: the bits below (random here) come out exactly as a stable
  /// reference sort leaves them. Covers keys where every digit varies, where only the top
  /// digit does, many ties, all distinct, and all equal (every pass skipped), with the real
  /// digit width and a narrow one (many passes, each relying on the one before).
  @Test func radixSortIsStableOnTheHighBits() {
    var generator = SeededRandom(seed: 7)
    let pool = (0..<40).map { _ in generator.next() }
    let shapes: [(inout SeededRandom) -> UInt64] = [
      { pool[Int($0.next() % 40)] },
      { $0.next() },
      { $0.next() & 0xE000_0000_0000_0000 },
      { _ in 0x0123_4567_89AB_CDEF },
    ]
    for lowBit in [0, 1, 12, 20, 33, 53, 63] {
      let lowMask: UInt64 = lowBit == 0 ? 0 : ~0 &>> UInt64(64 - lowBit)
      for shape in shapes {
        let values = (0..<3000).map { _ in
          shape(&generator) & ~lowMask | generator.next() & lowMask
        }
        let expected = values.enumerated().sorted {
          ($0.element &>> UInt64(lowBit), $0.offset) < ($1.element &>> UInt64(lowBit), $1.offset)
        }.map(\.element)
        for digitBits in [KeySort.digitBits, 3] {
          var input = values
          var scratch = [UInt64](repeating: 0, count: values.count)
          let sorted = input.withUnsafeMutableBufferPointer { input in
            scratch.withUnsafeMutableBufferPointer { scratch in
              Array(
                KeySort.radixSort(input, scratch: scratch, fromBit: lowBit, digitBits: digitBits))
            }
          }
          #expect(sorted == expected, "lowBit \(lowBit), \(digitBits)-bit digits")
        }
      }
    }
  }

  @Test func radixSortOfNoneOrOneValue() {
    for values: [UInt64] in [[], [42]] {
      var input = values
      var scratch = values
      let sorted = input.withUnsafeMutableBufferPointer { input in
        scratch.withUnsafeMutableBufferPointer { scratch in
          Array(KeySort.radixSort(input, scratch: scratch, fromBit: 3))
        }
      }
      #expect(sorted == values)
    }
  }
}
