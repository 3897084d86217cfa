import Foundation
import RunsCore

/// Following `next_page_token` until the server says there is no more.
extension KFPServerSource {
  /// One decoded page of a list answer.
  struct Page<Item> {
    var items: [Item]
    var problems: [Problem]
    var next: String?
    var total: Int?
  }

  /// Everything a paged listing produced; `failure` is the request that stopped it early.
  struct Paged<Item> {
    var items: [Item] = []
    var problems: [Problem] = []
    var total: Int?
    var failure: ServerFailure?
  }

  /// Pages with no items in a row after which paging stops, so a server that keeps handing
  /// out fresh tokens for empty pages cannot keep the client busy forever.
  static let maxEmptyPages = 3

  /// GETs `path` page after page (`page_size`, `page_token`), up to `limit` items.
  func collect<Item>(
    _ path: String, query: [(String, String)], limit: Int?,
    decode: (JSONValue, String) -> Page<Item>,
    onPage: ([Item], [Problem], _ loaded: Int, _ total: Int?) -> Void
  ) async -> Paged<Item> {
    var paged = Paged<Item>()
    var token: String?
    var seenTokens: Set<String> = []
    var emptyPages = 0
    var pageNumber = 0
    while true {
      let remaining = limit.map { $0 - paged.items.count }
      if let remaining, remaining <= 0 { break }
      pageNumber += 1
      var pageQuery = [("page_size", String(min(options.pageSize, remaining ?? Int.max)))]
      if let token { pageQuery.append(("page_token", token)) }
      let answer: KFPServerClient.Answer
      switch await client.get(path, query: pageQuery + query) {
      case .success(let success):
        answer = success
      case .failure(var failure):
        if !paged.items.isEmpty {
          failure.problem.message +=
            " Kept the \(paged.items.count) loaded before page \(pageNumber) failed."
        }
        paged.failure = failure
        paged.problems.append(failure.problem)
        onPage([], [failure.problem], paged.items.count, paged.total)
        return paged
      }
      var page = decode(answer.json, answer.location)
      if let remaining, page.items.count > remaining {
        page.items.removeLast(page.items.count - remaining)
      }
      paged.total = page.total ?? paged.total
      paged.items += page.items
      paged.problems += page.problems
      emptyPages = page.items.isEmpty ? emptyPages + 1 : 0
      var stop: Problem?
      if let next = page.next, !next.isEmpty {
        if !seenTokens.insert(next).inserted {
          stop = Problem(
            location: answer.location, severity: .error,
            message:
              "The server returned a page token it had already given (page \(pageNumber)); "
              + "stopped after \(paged.items.count) to avoid asking for the same pages forever.")
        } else if emptyPages >= Self.maxEmptyPages {
          stop = Problem(
            location: answer.location, severity: .error,
            message:
              "The server returned \(emptyPages) empty pages in a row that still point to a next "
              + "page; stopped after \(paged.items.count).")
        }
        token = next
      } else {
        token = nil
      }
      let pageProblems = page.problems + (stop.map { [$0] } ?? [])
      if let stop { paged.problems.append(stop) }
      onPage(page.items, pageProblems, paged.items.count, paged.total)
      if stop != nil || token == nil { break }
    }
    return paged
  }
}
