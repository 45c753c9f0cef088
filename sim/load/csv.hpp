// A small RFC 4180 CSV reader that keeps line and column numbers. Stage: load.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/diagnostic.hpp"

namespace reliefsim {

struct CsvCell {
  std::string text;
  int line = 0, column = 0;  ///< 1-based, where the cell starts
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<CsvCell>> rows;
  /// Column index of `name`, or -1.
  int column(std::string_view name) const;
};

/// Parses `text`. Rows with a different number of cells than the header, and unclosed
/// quotes, are diagnostics; returns the table only when there were none.
std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file, Diagnostics& problems);

}  // namespace reliefsim
