// Diagnostic: one problem found in an input file, with where it is and what would be
// right. Stage: base. Loaders return a list of these instead of throwing, so that
// `reliefsim check` can report every problem at once (docs/schema.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reliefsim {

struct SourceLocation {
  std::string file;  ///< path as the user gave it
  int line = 0;      ///< 1-based; 0 when the problem concerns the whole file
  int column = 0;    ///< 1-based
};

struct Diagnostic {
  SourceLocation where;
  std::string message;  ///< what is wrong and what was expected
  std::string hint;     ///< optional: a way out, e.g. "did you mean 'reference'?"
};

using Diagnostics = std::vector<Diagnostic>;

/// "file:line:column: message; hint" and, when `source` (the file's text) is given and
/// the line exists, the source line and a caret under the column.
std::string format_diagnostic(const Diagnostic& d, std::string_view source = {});

}  // namespace reliefsim
