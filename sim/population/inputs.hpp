// The figures a record population is built from, as plain values: arrest tables,
// Sentencing Commission counts and the named assumptions of docs/methodology.md.
// Stage: population (depends on law and base). `load` fills these from data/.
#pragma once

#include <array>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/base/distribution.hpp"
#include "sim/law/vocabulary.hpp"

namespace reliefsim {

/// One state-year of UCR marijuana arrests (data/arrests/ucr_state_1985_2008.csv).
struct StateArrestRow {
  std::string postal;
  int year = 0;
  std::optional<double> possession;
  std::optional<double> sale_manufacture;
  /// Share of drug arrests with a drug type; marijuana is under-counted when below 1.
  std::optional<double> typed_share;
  std::string usable;  ///< "Y", "PARTIAL" or "N", the compiler's screen (data/SOURCES.md)
  /// Before 1994 agencies reporting under six months were dropped, not imputed: the
  /// population they cover over the census population (coverage proxy), where given.
  std::optional<double> pre1994_coverage;
};

/// National marijuana arrests in one year (data/arrests/national_1965_2020.csv).
struct NationalArrestRow {
  int year = 0;
  double total = 0;
  std::optional<double> possession;
  std::string source;
};

/// National arrests for all drug abuse violations in one year (FBI estimates,
/// data/arrests/national_drug_arrests.csv): extends the marijuana series past its end.
struct NationalDrugRow {
  int year = 0;
  double total = 0;
};

/// A count of people convicted in federal court (data/federal/ussc_simple_possession.yaml).
struct FederalCount {
  std::string id;
  std::string description;
  double people = 0;
  /// citizen, lawful_permanent_resident, or other_noncitizen; `legal_resident_noncitizen`
  /// counts are split between the last two by the assumption federal-lpr-share.
  std::string citizenship;
  bool marijuana_only = true;
  int fiscal_year_first = 0, fiscal_year_last = 0;
  References reference;
};

/// A named modelling assumption with its range (docs/methodology.md lists every id).
struct Assumption {
  std::string id;
  std::string description;
  Distribution distribution;
  References reference;
  /// Where its distribution is written (data/assumptions.yaml), for diagnostics about its
  /// range; empty file when the assumption was not loaded from a file.
  SourceLocation where = {};
};

/// One value of a period life table: survivors to `age` of 100,000 born
/// (data/demography/ssa_life_tables.csv).
struct LifeTableRow {
  int year = 0;
  bool male = true;
  int age = 0;
  double lx = 0;
};

/// An age band of marijuana arrestees (data/demography/arrest_age_sex.yaml).
struct AgeBandShare {
  std::string id;
  double representative_age = 0;
  double share = 0;
  int from_age = 0;  ///< the band holds ages from here to the next band's from_age
};

/// What mortality needs: life tables, and the age and sex of people when arrested.
struct Demography {
  std::vector<LifeTableRow> life_table;
  std::vector<AgeBandShare> age_bands;
  double male_share = 0;
};

/// What splitting record holders by race needs (data/demography/race.yaml and
/// state_race_2020.csv).
struct RaceInputs {
  struct Point {
    int year = 0;
    std::string geography;  ///< "US" or a postal code
    double value = 0;
  };
  std::vector<Point> national_black_share;  ///< share of marijuana arrests of Black people
  std::vector<Point> black_white_ratio;     ///< arrest-rate ratio, national and some states
  struct StatePopulation {
    std::string postal;
    double total = 0, black = 0, white = 0;
  };
  std::vector<StatePopulation> population;  ///< 2020 census
  std::array<double, 3> federal = {0, 0, 0};  ///< Black, white, other of federal offenders
};

/// A parameter whose median was fitted to reported outcomes by `reliefsim calibrate`
/// (data/calibration.yaml): the fitted distribution replaces the assumption's prior, and
/// each case used in the fit has the median fitted without it, for leave-one-out scoring.
struct CalibratedParameter {
  std::string id;
  Distribution prior;   ///< as data/assumptions.yaml gives it
  Distribution fitted;  ///< lognormal: median fitted, sigma stated
  std::vector<std::string> fitted_on;                          ///< backtest case ids
  std::vector<std::pair<std::string, double>> leave_one_out;  ///< case id → median fitted without it
};

struct PopulationInputs {
  Demography demography;
  RaceInputs race;
  std::vector<StateArrestRow> state_arrests;
  std::vector<NationalArrestRow> national_arrests;
  std::vector<NationalDrugRow> national_drug_arrests;
  std::vector<FederalCount> federal_counts;
  std::vector<Assumption> assumptions;
  /// Where the list of assumptions starts (data/assumptions.yaml): where a missing one is to
  /// be added, for diagnostics.
  SourceLocation assumptions_where;
  std::vector<CalibratedParameter> calibration;
  /// Residents aged 18 and over by postal code, 2019 (data/demography/state_adults_2019.csv):
  /// the denominators of per-capita figures.
  std::map<std::string, double> adults;

  Assumption* find_assumption(const std::string& id) {
    for (auto& a : assumptions)
      if (a.id == id) return &a;
    return nullptr;
  }
  const Assumption* find_assumption(const std::string& id) const {
    for (const auto& a : assumptions)
      if (a.id == id) return &a;
    return nullptr;
  }
};

}  // namespace reliefsim
