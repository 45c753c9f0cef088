// Helpers shared by the tests that read the project's own files.
#pragma once

#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/workspace.hpp"

namespace reliefsim::testing {

/// The project's law and data, loaded as `reliefsim run` loads them.
inline Workspace load_project() {
  Workspace ws;
  ws.root = RELIEFSIM_SOURCE_DIR;
  ws.load_law_and_data();
  return ws;
}

/// The cells of one CSV line; a quoted cell may hold commas (its quotes are dropped).
inline std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> c;
  std::string cell;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') quoted = !quoted;
    else if (ch == ',' && !quoted) {
      c.push_back(cell);
      cell.clear();
    } else {
      cell += ch;
    }
  }
  c.push_back(cell);
  return c;
}

/// The whole of a file, byte for byte ("" if it cannot be read).
inline std::string read_whole_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  ///< standard output; standard error goes to err
  std::string err;
};

/// Runs the reliefsim binary with `args` (a shell-quoted string) from the source tree;
/// `limits` is shell put before it, such as "ulimit -v 2000000; timeout 20".
inline CommandResult run_reliefsim(const std::string& args, const std::string& limits = "") {
  char err_name[] = "/tmp/reliefsim_test_stderr_XXXXXX";
  const int fd = mkstemp(err_name);
  if (fd >= 0) close(fd);
  const std::string err_file = err_name;
  const std::string cmd = std::string("cd '") + RELIEFSIM_SOURCE_DIR + "' && (" + limits + " '" + RELIEFSIM_BINARY +
                          "' " + args + ") 2>'" + err_file + "'";
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* e = fopen(err_file.c_str(), "r")) {
    while ((n = fread(buf, 1, sizeof buf, e)) > 0) r.err.append(buf, n);
    fclose(e);
  }
  std::remove(err_file.c_str());
  return r;
}

}  // namespace reliefsim::testing
