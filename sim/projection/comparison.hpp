// Paired comparison of scenarios: differences computed replicate by replicate, so that a
// difference's 90% interval reflects what the scenarios share (the same draws of every
// parameter by name) and not the sum of their uncertainties. Stage: projection (pure).
#pragma once

#include "sim/projection/projection.hpp"

namespace reliefsim {

/// b − a for every row of either (a row missing on one side counts as zero in every
/// replicate), for the jurisdictions of both in library order, total last. Both must have
/// the same replicate count and seed; rows keep b's dates.
Projection paired_difference(const Projection& b, const Projection& a);

}  // namespace reliefsim
