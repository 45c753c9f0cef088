// SHA-256 of a byte string, for the input hashes that make a run reproducible.
// Stage: base (FIPS 180-4).
#pragma once

#include <string>
#include <string_view>

namespace reliefsim {

/// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

/// Base64 of the digest of `data`, as a Content-Security-Policy hash source wants it.
std::string sha256_base64(std::string_view data);

}  // namespace reliefsim
