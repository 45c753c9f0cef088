#include "sim/base/diagnostic.hpp"

namespace reliefsim {

std::string format_diagnostic(const Diagnostic& d, std::string_view source) {
  std::string out = d.where.file + ":" + std::to_string(d.where.line) + ":" +
                    std::to_string(d.where.column) + ": " + d.message;
  if (!d.hint.empty()) out += "; " + d.hint;
  if (d.where.line <= 0 || source.empty()) return out;
  // Find the line (1-based) in the source text.
  size_t start = 0;
  for (int l = 1; l < d.where.line; ++l) {
    const size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return out;
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  std::string_view line = source.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > 200) return out;  // a caret under a huge line helps nobody
  out += "\n    ";
  out += line;
  out += "\n    ";
  for (int c = 1; c < d.where.column && c <= static_cast<int>(line.size()); ++c)
    out += line[static_cast<size_t>(c - 1)] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

}  // namespace reliefsim
