// Formats a projection as a terminal table, tidy CSV, JSON or Markdown. Stage: report
// (depends on projection and base). Computes nothing: every figure comes from the
// Projection it is given.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/projection/projection.hpp"

namespace reliefsim {

/// How a jurisdiction is named in output.
struct JurisdictionLabel {
  std::string name;    ///< "Missouri"
  std::string postal;  ///< "MO"
  std::string fips;    ///< "29"; empty for federal
  bool federal = false;
};

struct InputFile {
  std::string path;
  std::string sha256;
};

/// Everything a report states besides the figures.
struct RunInfo {
  std::string scenario_id;
  std::string title;
  std::string as_of;
  std::string version;
  std::vector<InputFile> inputs;
  std::vector<std::string> notes;  ///< coverage notes shown under the table
  /// The table shows what current law had already relieved (false for --baseline none and
  /// for `history`, whose actions are current law itself).
  bool show_already_relieved = true;
  /// Extra line under the title, explaining what the table counts.
  std::string subtitle;
  /// Tables print every note in full (--verbose); otherwise the per-jurisdiction notes of
  /// one kind are condensed into one line (condensed_notes). JSON always has them all.
  bool verbose = false;
  /// Residents aged 18 and over by postal code ("US": the nation), for the CSV's
  /// per_100k_adults column (data/demography/state_adults_2019.csv); empty: left blank.
  std::map<std::string, double> adults;
  /// The CSV carries per_100k_adults and rank after the tidy columns (run, compare, report,
  /// history);
  /// off where other columns follow them (sweep's knobs).
  bool per_capita_columns = false;
};

/// "N jurisdictions hold half of the records eligible: …", naming the fewest jurisdictions
/// whose medians add up to half the total's on `as_of` (the states that drive the total);
/// "" when there is no total.
std::string drivers_note(const Projection& p, const std::vector<JurisdictionLabel>& labels, const std::string& as_of);

/// `notes` with the per-jurisdiction "no possession law encoded for …" notes condensed into
/// one line naming the jurisdictions and years; other notes unchanged, in order.
std::vector<std::string> condensed_notes(const std::vector<std::string>& notes);

enum class Format { table, csv, json, md };

/// The tidy CSV header, an interface other people's scripts read: keep it.
inline constexpr const char* kTidyHeader = "scenario,jurisdiction,postal,fips,measure,unit,as_of,median,p05,p95";
/// The run's and report's CSV: the tidy columns, then the median per 100,000 adult residents
/// and the jurisdiction's rank (1: most) among the states and D.C. for that measure, unit and
/// date (blank for the federal and total rows).
inline constexpr const char* kTidyPerCapitaColumns = ",per_100k_adults,rank";

std::string format_projection(const Projection& p, const std::vector<JurisdictionLabel>& labels,
                              const RunInfo& info, Format format);

/// One row per jurisdiction and a Total row, on `info.as_of` only: jurisdiction, postal,
/// fips, as_of, then for every measure and unit its median, p05 and p95
/// ("eligible_people,eligible_people_p05,eligible_people_p95,…"), then per_100k_adults and
/// rank of records eligible. Ready to paste into a map or chart tool keyed by postal or FIPS.
/// The Total row's medians are the sums of the rows' (rounded) medians, so each column adds
/// up; its p05 and p95 are the total's own interval.
std::string format_wide_csv(const Projection& p, const std::vector<JurisdictionLabel>& labels, const RunInfo& info);

/// Where a pardon needs a board (Projection::board_gates): a sentence saying so (starting
/// "†"), then one line per jurisdiction, "Texas (TX): agreed in 50% of replicates; people
/// eligible …", with the main figures on `as_of` over the replicates in which it agreed.
/// `in_table`: the terminal/Markdown grid already shows those figures in the rows, so only
/// the sentence is returned.
std::vector<std::string> board_gate_notes(const Projection& p, const std::vector<JurisdictionLabel>& labels,
                                          const std::string& as_of, bool in_table = false);

/// A count rounded to a whole number, as CSV and JSON print it ("6577").
std::string whole(double v);
/// A count with thousands separators, as tables print it ("6,577").
std::string grouped(double v);
/// "median (p05–p95)" with separators, or the median alone when the interval is one number;
/// `prefix` goes before each number ("$").
std::string interval_text(const Interval& v, const std::string& prefix = "");

}  // namespace reliefsim
