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
  ///
  /// An item whose id an earlier page brought is the same item (a run created while paging
  /// shifts the pages) and is kept once. Paging stops with a problem, keeping what loaded, when
  /// the server hands out endless pages: a token it gave before, a page that adds no new item,
  /// several empty pages, more items than its `total_size` by over a page, or
  /// ``KFPServerOptions/pageCap`` pages.
  func collect<Item>(
    _ path: String, query: [(String, String)], limit: Int?, noun: String,
    id: (Item) -> String, version: KFPAPIVersion = .v1,
    decode: (JSONValue, String) async -> Page<Item>,
    onPage: ([Item], [Problem], _ loaded: Int, _ total: Int?) -> Void
  ) async -> Paged<Item> {
    var paged = Paged<Item>()
    var token: String?
    var seenTokens: Set<String> = []
    var seenIDs: Set<String> = []
    var emptyPages = 0
    var pageNumber = 0
    while true {
      let remaining = limit.map { $0 - paged.items.count }
      if let remaining, remaining <= 0 { break }
      pageNumber += 1
      var pageQuery = [("page_size", String(min(options.pageSize, remaining ?? Int.max)))]
      if let token { pageQuery.append(("page_token", token)) }
      let answer: KFPServerClient.Answer
      switch await client.get(path, query: pageQuery + query, version: version) {
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
      var page = await decode(answer.json, answer.location)
      let sent = page.items.count
      page.items.removeAll { !seenIDs.insert(id($0)).inserted }
      if let remaining, page.items.count > remaining {
        page.items.removeLast(page.items.count - remaining)
      }
      paged.total = page.total ?? paged.total
      paged.items += page.items
      paged.problems += page.problems
      emptyPages = sent == 0 ? emptyPages + 1 : 0
      var stop: String?
      if let next = page.next, !next.isEmpty {
        if !seenTokens.insert(next).inserted {
          stop =
            "The server returned a page token it had already given (page \(pageNumber)); "
            + "stopped to avoid asking for the same pages forever"
        } else if emptyPages >= Self.maxEmptyPages {
          stop =
            "The server returned \(emptyPages) empty pages in a row that still point to a next "
            + "page; stopped"
        } else if sent > 0, page.items.isEmpty {
          stop =
            "Page \(pageNumber) brought no new \(noun), only ones an earlier page had, yet "
            + "pointed to a next page; stopped to avoid asking forever"
        } else if let total = paged.total, paged.items.count > total + options.pageSize {
          stop =
            "The server said it has \(total) \(noun) but kept sending new ones (page "
            + "\(pageNumber)); stopped to avoid loading forever"
        } else if pageNumber >= options.pageCap {
          stop =
            "Stopped after \(pageNumber) pages, the most one listing follows, while the server "
            + "still pointed to a next page"
        }
        token = next
      } else {
        token = nil
      }
      let stopProblem = stop.map {
        Problem(
          location: answer.location, severity: .error,
          message: $0 + " and kept the \(paged.items.count) loaded.")
      }
      if let stopProblem { paged.problems.append(stopProblem) }
      onPage(
        page.items, page.problems + (stopProblem.map { [$0] } ?? []), paged.items.count, paged.total
      )
      if stopProblem != nil || token == nil { break }
    }
    return paged
  }
}
