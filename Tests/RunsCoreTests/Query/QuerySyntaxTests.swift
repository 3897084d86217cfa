import Testing

@testable import RunsCore

@Suite struct QuerySyntaxTests {
  private func parse(_ text: String) throws -> QueryExpression? {
    try QuerySyntax.parse(text)
  }

  private func error(_ text: String) -> QueryError? {
    do {
      _ = try QuerySyntax.parse(text)
      return nil
    } catch {
      return error
    }
  }

  private func name(_ text: String, _ position: Int, _ kind: QueryNameKind? = nil) -> QueryName {
    QueryName(text, kind: kind, position: position)
  }

  private func value(_ text: String, _ position: Int, quoted: Bool = false) -> QueryValue {
    QueryValue(text, quoted: quoted, position: position)
  }

  @Test func blankIsNoQuery() throws {
    #expect(try parse("") == nil)
    #expect(try parse("   \t") == nil)
  }

  @Test(arguments: [
    ("=", QueryOperator.equal), ("==", .equal), ("!=", .notEqual), ("<", .less),
    ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual), ("~", .contains),
    ("!~", .notContains),
  ])
  func everyOperator(written: String, op: QueryOperator) throws {
    let text = "acc \(written) 0.5"
    let valueAt = 5 + written.count
    #expect(try parse(text) == .compare(name("acc", 0), op, value("0.5", valueAt), at: 4))
    // Without blanks around it, too.
    #expect(
      try parse("acc\(written)0.5")
        == .compare(name("acc", 0), op, value("0.5", 3 + written.count), at: 3))
  }

  @Test func inAndNotIn() throws {
    #expect(
      try parse("lr in (0.1, '0.01',x)")
        == .within(
          name("lr", 0), [value("0.1", 7), value("0.01", 12, quoted: true), value("x", 19)],
          negated: false))
    #expect(
      try parse("status NOT IN (Failed)")
        == .within(name("status", 0), [value("Failed", 15)], negated: true))
  }

  @Test func precedenceIsNotThenAndThenOr() throws {
    // a or b and not c  ==  a or (b and (not c))
    #expect(
      try parse("a or b and not c")
        == .or(.has(name("a", 0)), .and(.has(name("b", 5)), .not(.has(name("c", 15))))))
    // not a and b  ==  (not a) and b
    #expect(try parse("not a and b") == .and(.not(.has(name("a", 4))), .has(name("b", 10))))
    // a and b or c and d  ==  (a and b) or (c and d)
    #expect(
      try parse("a and b or c and d")
        == .or(
          .and(.has(name("a", 0)), .has(name("b", 6))),
          .and(.has(name("c", 11)), .has(name("d", 17)))))
    // and, or chain to the left.
    #expect(
      try parse("a or b or c")
        == .or(.or(.has(name("a", 0)), .has(name("b", 5))), .has(name("c", 10))))
  }

  @Test func parenthesesGroup() throws {
    #expect(
      try parse("(a or b) and c")
        == .and(.or(.has(name("a", 1)), .has(name("b", 6))), .has(name("c", 13))))
    #expect(try parse("not (a)") == .not(.has(name("a", 5))))
    #expect(try parse("not not a") == .not(.not(.has(name("a", 8)))))
  }

  @Test func keywordsInAnyCase() throws {
    #expect(
      try parse("a AND b Or NOT c")
        == .or(.and(.has(name("a", 0)), .has(name("b", 6))), .not(.has(name("c", 15)))))
  }

  @Test func namesWithDashesDotsDigitsAndPrefixes() throws {
    #expect(try parse("roc-auc_2.5") == .has(name("roc-auc_2.5", 0)))
    #expect(try parse("metric:name") == .has(name("name", 0, .metric)))
    #expect(try parse("param:lr") == .has(name("lr", 0, .parameter)))
    #expect(try parse("attr:status") == .has(name("status", 0, .attribute)))
    #expect(try parse("metrics.acc") == .has(name("acc", 0, .metric)))
    #expect(try parse("PARAMS.lr") == .has(name("lr", 0, .parameter)))
    #expect(try parse("attributes.status") == .has(name("status", 0, .attribute)))
  }

  @Test func backticksHoldAnyName() throws {
    #expect(
      try parse("`my metric` > 1")
        == .compare(name("my metric", 0), .greater, value("1", 14), at: 12))
    #expect(try parse("`and`") == .has(name("and", 0)))
    #expect(try parse("metric:`a b`") == .has(name("a b", 0, .metric)))
    #expect(try parse("params.`x(y)`") == .has(name("x(y)", 0, .parameter)))
    #expect(try parse(#"`a\`b`"#) == .has(name("a`b", 0)))
    // MLflow quotes such names after the prefix.
    #expect(
      try parse(#"metrics."f1 score" > 1"#)
        == .compare(name("f1 score", 0, .metric), .greater, value("1", 21), at: 19))
    #expect(try parse("params.'lr'") == .has(name("lr", 0, .parameter)))
  }

  @Test func quotedValues() throws {
    #expect(
      try parse(#"experiment = "exp 2""#)
        == .compare(name("experiment", 0), .equal, value("exp 2", 13, quoted: true), at: 11))
    #expect(
      try parse(#"name ~ 'it\'s'"#)
        == .compare(name("name", 0), .contains, value("it's", 7, quoted: true), at: 5))
    #expect(
      try parse("x = ''") == .compare(name("x", 0), .equal, value("", 4, quoted: true), at: 2))
  }

  @Test func valuesKeepTheirText() throws {
    for written in ["90%", "-1e-3", "1h30m", "45s", "2026-01-05", "2026-01-05T10:00", "exp-2"] {
      #expect(
        try parse("x > \(written)") == .compare(name("x", 0), .greater, value(written, 4), at: 2))
    }
  }

  @Test func hasFunction() throws {
    #expect(try parse("has(acc)") == .has(name("acc", 4)))
    #expect(try parse("HAS ( metric:`a b` )") == .has(name("a b", 6, .metric)))
    #expect(try parse("not has(acc)") == .not(.has(name("acc", 8))))
    // `has` not followed by '(' is a name.
    #expect(try parse("has > 1") == .compare(name("has", 0), .greater, value("1", 6), at: 4))
  }

  @Test func specExamplesParse() throws {
    for text in [
      "accuracy-score > 90% and loss < 0.5",
      "status = Failed or status = Error",
      "learning_rate = 0.01 and not roc-auc-score",
      #"metric:name ~ "resnet""#, "experiment != exp-2", "duration > 1h30m",
      "created >= 2026-01-05", "(f1-score >= 0.8 or precision >= 0.9) and epochs >= 20",
    ] {
      #expect(try parse(text) != nil, "\(text)")
    }
  }

  // MARK: Errors, with the exact column of the bad token.

  @Test(arguments: [
    ("acc >", 5, "expected a value after '>'; the query ends here"),
    ("acc > > 1", 6, "expected a value after '>', found '>'"),
    ("acc > and b", 6, "expected a value after '>', found 'and'"),
    ("acc > `x`", 6, "expected a value after '>', found `x` (backticks are for names; quote text)"),
    ("and", 0, "expected a name, found 'and' (a name spelled like a keyword goes in backticks)"),
    ("a and", 5, "expected a name after 'and'; the query ends here"),
    ("a or )", 5, "expected a name after 'or', found ')'"),
    ("(a or b", 7, "expected ')' to close the '(' at column 1, found the end of the query"),
    ("a)", 1, "this ')' has no matching '('"),
    ("a b", 2, "expected 'and', 'or' or the end of the query, found 'b'"),
    (
      "x = my exp", 7,
      "expected 'and', 'or' or the end of the query, found 'exp' (text with spaces goes in quotes)"
    ),
    ("a ! b", 2, "expected '!=' or '!~'; for 'not' write not"),
    ("name = 'abc", 7, "this text has no closing '; expected ' to end it"),
    ("`abc > 1", 0, "this name has no closing `; expected ` to end it"),
    ("x in 1", 5, "expected '(' and a list of values after 'in', found '1'"),
    (
      "x in (1, 2", 10,
      "expected ',' or ')' to close the list at column 6, found the end of the query"
    ),
    ("x in ()", 6, "expected a value after '(', found ')'"),
    ("x not 1", 2, "expected 'and', 'or' or the end of the query, found 'not'"),
    ("has(a", 5, "expected ')' after the name in has(…), found the end of the query"),
    ("metric: > 1", 7, "expected a name after 'metric:'"),
    ("not", 3, "expected a name after 'not'; the query ends here"),
  ])
  func errorsPointAtTheBadToken(text: String, position: Int, message: String) {
    let error = error(text)
    #expect(error?.position == position, "\(text)")
    #expect(error?.message == message, "\(text)")
  }

  @Test func caretLinesPutTheCaretUnderTheToken() {
    let error = QueryError(position: 6, message: "m")
    #expect(error.caretLines("acc > > 1") == ["acc > > 1", "      ^"])
    // Wide characters before the token take two cells each.
    #expect(QueryError(position: 4, message: "m").caretLines("名前 = x") == ["名前 = x", "      ^"])
    #expect(error.description == "column 7: m")
  }
}
