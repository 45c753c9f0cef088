// Spellcheck: "did you mean" suggestions for keys, jurisdiction codes, scenario names
// and subcommands. Stage: base. Like ninja's SpellcheckStringV, distance ≤ 3.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reliefsim {

/// Levenshtein distance between a and b (case-sensitive).
int edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` within `max_distance` edits (ties: the first), or ""
/// when none is close enough.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates,
                          int max_distance = 3);

/// "; did you mean 'x'?" style hint text for `word`, or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace reliefsim
