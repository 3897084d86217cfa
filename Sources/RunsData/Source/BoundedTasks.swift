/// Runs `work` on each of `items`, at most `limit` at once, and hands each result to `take` as
/// it finishes; when `take` returns false, no more are started and those running are cancelled.
func withBoundedTasks<Item: Sendable, Output: Sendable>(
  _ items: [Item], limit: Int, work: @escaping @Sendable (Item) async -> Output,
  take: (Item, Output) -> Bool
) async {
  await withTaskGroup(of: (Item, Output).self) { group in
    var next = 0
    func startNext() {
      guard next < items.count else { return }
      let item = items[next]
      next += 1
      group.addTask { (item, await work(item)) }
    }
    for _ in 0..<limit { startNext() }
    while let (item, output) = await group.next() {
      guard take(item, output) else {
        group.cancelAll()
        return
      }
      startNext()
    }
  }
}
