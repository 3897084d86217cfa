// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "kfp-runs",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "kfp-runs", targets: ["kfp-runs"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // The server transport: HTTP/1.1 and HTTP/2 on SwiftNIO, TLS with NIOSSL (BoringSSL), so
    // that --ca-cert and --insecure work on Linux, where FoundationNetworking offers neither.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    // Model, validation, formatting, sorting, compare: pure logic, no I/O.
    .target(name: "RunsCore"),
    // What the commands and the export write: tables, CSV, JSON, Markdown. Pure text, no I/O.
    .target(name: "RunsOutput", dependencies: ["RunsCore"]),
    // Sources of runs: directory, JSON file, KFP server, demo. The only file and network I/O;
    // the server transport starts its event loop only when a server is asked.
    .target(
      name: "RunsData",
      dependencies: [
        "RunsCore", "CZlib",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    // The system zlib, for KFP v1's gzip'd metrics archives (mlpipeline-metrics.tgz).
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // Application state, key handling and every screen, rendered into a cell grid.
    .target(name: "RunsUI", dependencies: ["RunsCore", "RunsOutput"]),
    // No pkg-config: its -D flags are ones SwiftPM refuses (and warns about on every build);
    // the shim header defines what the wide-character API needs, the module map links it.
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    // The ncurses backend: presents a grid, reads keys, mouse and resizes.
    .target(name: "RunsTerminal", dependencies: ["CNcursesw", "RunsUI"]),
    // Keeps the Swift runtime's crash backtracer from taking the terminal (SWIFT_BACKTRACE).
    .target(name: "CBacktracePolicy"),
    .executableTarget(
      name: "kfp-runs",
      dependencies: [
        "RunsCore", "RunsData", "RunsOutput", "RunsUI", "RunsTerminal", "CBacktracePolicy",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Measures the performance targets against their baselines; run it built with -c release.
    .executableTarget(
      name: "kfp-runs-bench",
      dependencies: [
        // KFPTestServer: the KFP 2.x test server's launcher, for the kfp2 part.
        "RunsCore", "RunsData", "RunsUI", "KFPTestServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // RunsOutput too: some core rules (v2 values, run-level metrics) are checked as written.
    .testTarget(name: "RunsCoreTests", dependencies: ["RunsCore", "RunsOutput"]),
    .testTarget(name: "RunsOutputTests", dependencies: ["RunsOutput", "KFPTestServer"]),
    .testTarget(
      name: "RunsDataTests", dependencies: ["RunsData", "KFPTestServer", "TestSupport"]),
    // A KFP v1beta1 API server on 127.0.0.1 for tests, and hostile trees: POSIX sockets, no
    // package dependencies (RunsCore for the seeded generator).
    .target(name: "KFPTestServer", dependencies: ["RunsCore"], path: "Tests/KFPTestServer"),
    // What the test targets share: snapshot and golden files, waits that block no pool thread.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // Screen snapshots are text files read from the source tree, not resources.
    .testTarget(
      name: "RunsUITests", dependencies: ["RunsUI", "TestSupport"], exclude: ["Snapshots"]),
    // Runs the built kfp-runs binary and compares its output with golden files.
    .testTarget(
      name: "CLITests",
      dependencies: ["RunsCore", "KFPTestServer", "TestSupport"],
      // Goldens are read from the source tree; the copy gives the tests `Bundle.module`, whose
      // folder is where SwiftPM puts the built binary.
      resources: [.copy("Golden")]
    ),
    // Drives the real binary inside tmux.
    .testTarget(name: "EndToEndTests", dependencies: ["RunsCore", "KFPTestServer"]),
  ]
)
