#include "sim/report/text_format.hpp"

#include <algorithm>

#include "sim/report/json_layout.hpp"

namespace reliefsim {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string json_string(const std::string& s) { return json_inline(JsonDoc(s)); }

size_t display_width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string aligned_table(const std::vector<std::vector<std::string>>& cells, size_t left, bool markdown) {
  std::vector<size_t> width(cells.front().size(), 0);
  for (const auto& line : cells)
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], display_width(line[c]));
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string row = markdown ? "|" : "";
    for (size_t c = 0; c < cells[i].size(); ++c) {
      const std::string pad(width[c] - display_width(cells[i][c]), ' ');
      const std::string text = c < left ? cells[i][c] + pad : pad + cells[i][c];
      row += markdown ? " " + text + " |" : (c ? "  " : "") + text;
    }
    // Trailing blanks of a left-aligned last column are noise in a terminal.
    if (!markdown) row.erase(row.find_last_not_of(' ') + 1);
    out += row + "\n";
    if (i == 0) {
      if (markdown) {
        out += "|";
        for (size_t c = 0; c < width.size(); ++c)
          out += c < left ? " " + std::string(width[c], '-') + " |" : " " + std::string(width[c] - 1, '-') + ": |";
        out += "\n";
      } else {
        size_t total = 0;
        for (size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
        out += std::string(total, '-') + "\n";
      }
    }
  }
  return out;
}

std::string notes_block(const std::vector<std::string>& notes, bool markdown) {
  std::string out = markdown ? "\nNotes:\n\n" : "\nNotes:\n";
  for (const auto& n : notes) out += (markdown ? "- " : "  - ") + n + "\n";
  return out;
}

}  // namespace reliefsim
