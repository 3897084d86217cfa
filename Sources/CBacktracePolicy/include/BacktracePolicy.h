#ifndef KFP_RUNS_BACKTRACE_POLICY_H
#define KFP_RUNS_BACKTRACE_POLICY_H

// Nothing to call: linking the target is enough. Its constructor sets SWIFT_BACKTRACE before
// the Swift runtime reads it (see backtrace_policy.c).

#endif
