import Testing

/// `kfp-runs plot`: the chart as text, in a UTF-8 locale and in an ASCII one.
@Suite struct PlotGoldenTests {
  @Test(arguments: [
    (
      "plot-demo-params", "C.UTF-8",
      ["plot", "--demo", "--x", "learning_rate", "--y", "loss", "--width", "60", "--height", "16"]
    ),
    ("plot-demo-ascii", "C", ["plot", "--demo", "--width", "60", "--height", "14"]),
    (
      "plot-demo-filter-log", "C.UTF-8",
      [
        "plot", "--demo", "--filter", "resnet", "--x", "duration", "--y", "loss", "--log-y",
        "--width", "50", "--height", "12",
      ]
    ),
    (
      "plot-demo-where", "C.UTF-8",
      [
        "plot", "--demo", "--where", "accuracy-score > 90%", "--y", "roc-auc", "--width", "50",
        "--height", "10",
      ]
    ),
    (
      "plot-runs-experiment", "C.UTF-8",
      ["plot", "runs", "--experiment", "mnist", "--y", "accuracy-score", "--height", "10"]
    ),
  ])
  func plotMatchesGolden(name: String, locale: String, arguments: [String]) async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      arguments, in: fixture.root, environment: ["LANG": locale])
    Golden.check(result, fixture: fixture, name: name)
  }

  @Test func anUnknownAxisIsAUsageErrorNamingTheChoices() async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(["plot", "--demo", "--y", "acuracy"], in: fixture.root)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no axis named 'acuracy' for --y"))
    #expect(result.stderr.contains("created, duration; metrics: accuracy-score, roc-auc"))
    #expect(result.stderr.contains("numeric parameters: epochs, learning_rate"))
  }

  @Test func formatIsNotAnOptionOfPlot() async throws {
    let fixture = try Fixture()
    let result = try await BinaryRunner.run(
      ["plot", "--demo", "--format", "csv"], in: fixture.root)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--format does not apply"))
  }
}
