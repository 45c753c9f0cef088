// Small text helpers shared by the report formats: CSV fields and the width of UTF-8 text
// in a terminal; JSON strings as nlohmann-json writes them. Stage: report.
#pragma once

#include <string>
#include <vector>

namespace reliefsim {

/// `s` as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or newline.
std::string csv_field(const std::string& s);
/// `s` as a JSON string literal, as nlohmann-json writes it. New JSON output builds a JsonDoc
/// and writes it with json_layout (json_layout.hpp) instead.
std::string json_string(const std::string& s);
/// Code points in UTF-8 text: its width in a terminal for the text reliefsim prints.
size_t display_width(const std::string& s);
/// Rows of cells (the first the header) as aligned text under a rule of dashes, or as a
/// Markdown table; the first `left` columns align left, the others right.
std::string aligned_table(const std::vector<std::vector<std::string>>& cells, size_t left, bool markdown);
/// A "Notes:" list under a table: one bullet per note.
std::string notes_block(const std::vector<std::string>& notes, bool markdown);

}  // namespace reliefsim
