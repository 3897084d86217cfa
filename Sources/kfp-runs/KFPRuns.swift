import ArgumentParser

@main
struct KFPRuns: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kfp-runs",
    abstract: "Browse Kubeflow Pipelines runs and their metrics in the terminal."
  )

  func run() throws {}
}
