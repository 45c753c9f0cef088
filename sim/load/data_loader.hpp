// Loads the population's input tables from data/: UCR state arrests, national arrests,
// Sentencing Commission counts and the assumptions. Stage: load. Each table and its
// source is described in docs/data.md.
#pragma once

#include <string>
#include <string_view>

#include "sim/base/diagnostic.hpp"
#include "sim/population/inputs.hpp"

namespace reliefsim {

void load_state_arrests(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_national_arrests(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_national_drug_arrests(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_federal_counts(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_life_tables(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_age_sex(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_race(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_state_race_population(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
/// data/demography/state_adults_2019.csv: residents 18 and over by state (PopulationInputs::adults).
void load_state_adults(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
void load_assumptions(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);
/// data/calibration.yaml, written by `reliefsim calibrate`: each entry names an assumption
/// already loaded and replaces its distribution with the fitted one (docs/validation.md).
void load_calibration(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems);

}  // namespace reliefsim
