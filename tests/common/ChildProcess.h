// What a C++ test starts (natterd, natter-cli) dies with the test: a test
// that aborts or that ctest kills at its timeout must not leave a server
// running. Linux: the child asks the kernel for SIGKILL when the thread that
// started it ends (PR_SET_PDEATHSIG, set between fork and exec).
#pragma once

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>

namespace natter::test {

inline void dieWithTest(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

} // namespace natter::test
