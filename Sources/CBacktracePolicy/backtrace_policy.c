// The Swift runtime's crash backtracer reads SWIFT_BACKTRACE once, in a C++ static
// constructor, before main. Its default on Linux is `interactive=tty`: after a crash with the
// terminal on stdin and stdout it prints "Press space to interact, D to debug, or any other key
// to quit (30s)" and takes the keyboard, with the application's screen still half drawn. A
// full-screen program must not do that, so this constructor, which runs before the runtime's
// (a priority runs before every constructor without one), puts `interactive=no` in front of
// whatever SWIFT_BACKTRACE holds: the report goes to stderr at once, and a user who sets
// `interactive=yes` still wins (later keys override earlier ones). This takes effect where the
// runtime is linked into the binary (scripts/release-build's --static-swift-stdlib); with the
// runtime as a shared library, the library's constructor has already run.
#include <stdlib.h>
#include <string.h>

static const char policy[] = "interactive=no";

__attribute__((constructor(101))) static void kfp_runs_apply_backtrace_policy(void) {
  const char *given = getenv("SWIFT_BACKTRACE");
  if (given == NULL || given[0] == '\0') {
    setenv("SWIFT_BACKTRACE", policy, 1);
    return;
  }
  size_t length = sizeof(policy) + 1 + strlen(given);
  char *combined = malloc(length);
  if (combined == NULL) return;
  strcpy(combined, policy);
  strcat(combined, ",");
  strcat(combined, given);
  setenv("SWIFT_BACKTRACE", combined, 1);
  free(combined);
}
