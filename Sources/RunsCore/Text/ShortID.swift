/// Short ids that tell apart runs with the same name (KFP's default `Run of PIPELINE (…)`,
/// reruns): the shortest prefix of at least five characters that differs across the runs.
public enum ShortID {
  /// The fewest characters of an id shown.
  public static let minimumLength = 5

  /// One short id per id, in order: the shortest common prefix length (at least
  /// `minimumLength`) at which the ids' prefixes are all different; an id shorter than that
  /// is shown whole.
  public static func of(_ ids: [String]) -> [String] {
    let characters = ids.map { Array($0) }
    let longest = characters.map(\.count).max() ?? 0
    var length = minimumLength
    while length < longest {
      let prefixes = characters.map { $0.prefix(length) }
      if Set(prefixes.map { String($0) }).count == Set(ids).count { break }
      length += 1
    }
    return characters.map { String($0.prefix(length)) }
  }

  /// Labels for runs, in order: the name, and after a name that more than one of the runs
  /// share, its short id in parentheses (`Run of mnist (3f2a1)`).
  public static func labels(names: [String], ids: [String]) -> [String] {
    zip(names, suffixes(names: names, ids: ids)).map { $0 + $1 }
  }

  /// What `labels` appends to each name: `" (ID)"` or `""`.
  public static func suffixes(names: [String], ids: [String]) -> [String] {
    var groups: [String: [Int]] = [:]
    for (index, name) in names.enumerated() { groups[name, default: []].append(index) }
    var suffixes = Array(repeating: "", count: names.count)
    for members in groups.values where members.count > 1 {
      for (member, short) in zip(members, of(members.map { ids[$0] })) {
        suffixes[member] = " (\(short))"
      }
    }
    return suffixes
  }
}
