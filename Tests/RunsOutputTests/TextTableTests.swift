import RunsCore
import RunsOutput
import Testing

@Suite struct TextTableTests {
  let table = TextTable(
    columns: [.init(title: "Name"), .init(title: "Score", alignRight: true)],
    rows: [["a", "1.000"], ["longer", "12.500"]])

  @Test func plainTextAlignsColumnsAndTrimsTrailingSpaces() {
    #expect(
      table.plainText() == """
        Name     Score
        a        1.000
        longer  12.500

        """)
  }

  @Test func wideCharactersAreMeasuredByDisplayWidth() {
    let wide = TextTable(
      columns: [.init(title: "Name"), .init(title: "X")], rows: [["日本", "1"], ["ab", "2"]])
    // 日本 takes four cells, so both rows put X at the same cell.
    #expect(wide.plainText() == "Name  X\n日本  1\nab    2\n")
  }

  @Test func missingCellsPrintBlank() {
    let short = TextTable(columns: [.init(title: "A"), .init(title: "B")], rows: [["x"]])
    #expect(short.plainText() == "A  B\nx\n")
  }

  @Test func markdownEscapesPipesAndMarksNumericColumns() {
    let piped = TextTable(
      columns: [.init(title: "Name"), .init(title: "Score", alignRight: true)],
      rows: [["a|b", "1.000"]])
    #expect(
      piped.markdown() == """
        | Name | Score |
        | ---- | ----: |
        | a\\|b | 1.000 |

        """)
  }

  @Test func markdownOfNoRowsIsHeaderAndRule() {
    let empty = TextTable(columns: [.init(title: "A")], rows: [])
    #expect(empty.markdown() == "| A   |\n| --- |\n")
  }
}
