// ArrestSeries: marijuana arrests for every jurisdiction, offense and year, observed
// where the UCR tables have them and estimated elsewhere (docs/methodology.md,
// "arrest-estimate-*"). Stage: population.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/population/inputs.hpp"

namespace reliefsim {

/// How an arrest figure was obtained. Each estimated kind carries its own error.
enum class ArrestBasis { observed, adjusted, gap, backcast, forecast };
std::string_view to_string(ArrestBasis b);

struct ArrestFigure {
  double count = 0;
  ArrestBasis basis = ArrestBasis::observed;
};

/// Arrests by (offense, year) for one jurisdiction.
struct JurisdictionArrests {
  std::map<int, ArrestFigure> possession, sale_manufacture;
};

/// National arrests by year split into possession and sale/manufacture. Years with no
/// split take the possession share interpolated between the nearest years that have one
/// (the earliest share before, the latest after).
struct NationalSplit {
  std::map<int, double> possession, sale_manufacture;
};
///
/// Past the last year with a marijuana total, a year with an all-drug total takes the
/// marijuana share of drug arrests of that last year, and a year with neither between two
/// estimated years the geometric mean of its neighbours (assumption national-extension).
NationalSplit split_national(const std::vector<NationalArrestRow>& rows,
                             const std::vector<NationalDrugRow>& drug_rows = {});

/// The series of one state for years [first_year, last_year]. Observed UCR rows marked
/// Y are taken as they are; PARTIAL rows are divided by the typed share (the untyped drug
/// arrests are assumed to hold marijuana in the same proportion); other years are the
/// national figure times the state's share of it, interpolated linearly between the
/// nearest observed years, or the mean of the three nearest on one side.
///
/// Possession shares are taken of possession *incidents*, arrests divided by
/// `arrestable(year)` (the share of incidents the law of that year makes arrests), and
/// turned back into arrests with the estimated year's own share: a state that
/// decriminalizes after its last observed year is not credited with arrests it no longer
/// makes (assumption arrestable-share-adjustment). `sale_scale(y)` does the same for
/// sale/manufacture arrests, which fall after adult-use legalization
/// (assumption post-legalization-sale-arrests).
JurisdictionArrests estimate_state_arrests(const std::string& postal,
                                           const std::vector<StateArrestRow>& rows,
                                           const NationalSplit& national, int first_year,
                                           int last_year,
                                           const std::function<double(int)>& arrestable = {},
                                           const std::function<double(int)>& sale_scale = {});

}  // namespace reliefsim
