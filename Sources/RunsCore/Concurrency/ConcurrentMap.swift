import Dispatch

/// Computes values on every core, each iteration into its own slot, so the order is kept.
package enum ConcurrentMap {
  /// `transform(0)`, …, `transform(count - 1)`, computed concurrently, in index order.
  package static func values<Value>(count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
    guard count > 1 else { return (0..<count).map(transform) }
    return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
      let slots = Slots(base: buffer.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: count) { index in
        (slots.base + index).initialize(to: transform(index))
      }
      initialized = count
    }
  }
}

/// The base of an output buffer whose slots are written by distinct `concurrentPerform`
/// iterations: no two iterations touch the same slot, and the caller waits for all of them.
private struct Slots<Element>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Element>
}
