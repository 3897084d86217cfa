import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a command to completion with a clean signal state.
///
/// `Process` is not used: its child inherits the signal mask of the test thread, which blocks
/// nearly every signal, and a tmux server started that way never notices its panes end or a
/// `kill-server`. Output goes to a file, not a pipe, because the tmux server outlives the
/// command and would hold a pipe open.
enum Spawn {
  /// Runs `arguments` (looked up in `PATH`); returns whether it exited with status 0, and
  /// what it printed on stdout and stderr.
  static func run(_ arguments: [String]) throws -> (succeeded: Bool, output: String) {
    let outputFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfp-runs-e2e-output-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: outputFile) }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGPIPE, SIGWINCH, SIGUSR1, SIGUSR2] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    let argv = arguments.map { strdup($0) } + [nil]
    let environment =
      ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + environment { free(pointer) }
    }
    var pid = pid_t()
    let error = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environment)
    guard error == 0 else {
      throw TmuxSession.Failure(
        description: "could not start \(arguments[0]): \(String(cString: strerror(error)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    return (status == 0, output)
  }
}
