// JSON documents written with nlohmann-json in the layout reliefsim's JSON outputs have
// always had (`run --format json` and the others are interfaces people's scripts read, and
// some compare them as text). Stage: report.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/report/tables.hpp"

namespace reliefsim {

/// Objects keep the order their keys were added in.
using JsonDoc = nlohmann::ordered_json;

/// A count as JSON output carries it: the whole number nearest `v`, never -0 (as `whole`).
JsonDoc json_count(double v);

/// `doc` as text: a top-level object has one key a line, indented two spaces; the arrays
/// named in `one_per_line` put each element on a line of its own, indented four; every
/// other value is on one line, with ", " between items and ": " after keys. Strings are
/// nlohmann-json's (UTF-8 kept as is, a byte that is not UTF-8 replaced by U+FFFD), whole
/// numbers as integers, other numbers with `decimals` digits after the point ("%.3f"), or
/// when `decimals` is negative in nlohmann-json's shortest form that reads back the same.
/// Ends with a newline.
std::string json_layout(const JsonDoc& doc, std::initializer_list<std::string_view> one_per_line, int decimals = 3);

/// One value on one line, as json_layout writes values inside a line.
std::string json_inline(const JsonDoc& v, int decimals = 3);

/// run --format json as a document: the run, its inputs, notes and board gates, and every
/// row of `p` (json_layout(…, {"inputs", "rows"}) writes it).
JsonDoc projection_json(const Projection& p, const std::vector<JurisdictionLabel>& labels, const RunInfo& info);

}  // namespace reliefsim
