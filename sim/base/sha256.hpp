// SHA-256 of a byte string, for the input hashes that make a run reproducible.
// Stage: base (FIPS 180-4).
#pragma once

#include <string>
#include <string_view>

namespace reliefsim {

/// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace reliefsim
