// Formats a fiscal note (sim/fiscal/fiscal_note.hpp) as a terminal table, Markdown, a JSON
// member or its own CSV. Stage: report. Computes nothing: every figure comes from the
// FiscalNote it is given.
//
// The tidy CSV of `run` is an interface other people's scripts read, so the fiscal figures
// never go into it: `run --fiscal` prints them under the table (table, md), as a "fiscal"
// member of the JSON, or, with --format csv, as this file's own CSV (kFiscalHeader).
#pragma once

#include <string>
#include <vector>

#include "sim/fiscal/fiscal_note.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

/// The fiscal CSV's header: one row per jurisdiction (and Total), quantity and date.
/// quantity: cases_to_review (unit cases), staff_hours (hours), cost (usd).
inline constexpr const char* kFiscalHeader =
    "scenario,jurisdiction,postal,fips,basis,quantity,unit,as_of,median,p05,p95";

/// The fiscal figures in `format`: a titled table (table, md) to print under the run's, the
/// CSV above, or a JSON object (for append_json_member). `model` names the assumptions.
std::string format_fiscal_note(const FiscalNote& note, const FiscalModel& model,
                               const std::vector<JurisdictionLabel>& labels, const std::string& scenario_id,
                               Format format);

/// `json_object` (text of a JSON object ending in "}" and a newline) with `"key": value`
/// added as its last member; `json_object` unchanged when it does not end in "}".
std::string append_json_member(const std::string& json_object, const std::string& key, const std::string& value);

}  // namespace reliefsim
