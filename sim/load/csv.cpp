#include "sim/load/csv.hpp"

namespace reliefsim {

int CsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::optional<CsvTable> parse_csv(std::string_view t, const std::string& file, Diagnostics& problems) {
  const size_t before = problems.size();
  std::vector<std::vector<CsvCell>> records;
  std::vector<CsvCell> record;
  CsvCell cell;
  int line = 1, col = 1;
  bool in_quotes = false, cell_started = false;
  auto finish_cell = [&] {
    record.push_back(std::move(cell));
    cell = CsvCell{};
    cell_started = false;
  };
  auto finish_record = [&] {
    finish_cell();
    if (!(record.size() == 1 && record[0].text.empty())) records.push_back(std::move(record));
    record.clear();
  };
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (!cell_started) {
      cell.line = line;
      cell.column = col;
      cell_started = true;
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < t.size() && t[i + 1] == '"') { cell.text += '"'; ++i; ++col; }
        else in_quotes = false;
      } else {
        cell.text += c;
        if (c == '\n') { ++line; col = 0; }
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      finish_cell();
    } else if (c == '\n') {
      finish_record();
      ++line;
      col = 0;
    } else if (c != '\r') {
      cell.text += c;
    }
    ++col;
  }
  if (in_quotes) problems.push_back({{file, line, col}, "unclosed quote at end of file", "close the quoted cell with \""});
  if (cell_started || !record.empty()) finish_record();
  CsvTable table;
  if (records.empty()) {
    problems.push_back({{file, 1, 1}, "the file is empty; expected a header row", ""});
    return std::nullopt;
  }
  for (auto& h : records[0]) table.header.push_back(h.text);
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      problems.push_back({{file, records[r][0].line, 1},
                          "row has " + std::to_string(records[r].size()) + " cells; expected " +
                              std::to_string(table.header.size()) + " as in the header", ""});
      continue;
    }
    table.rows.push_back(std::move(records[r]));
  }
  if (problems.size() != before) return std::nullopt;
  return table;
}

}  // namespace reliefsim
