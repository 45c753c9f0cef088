// Loads states/<postal>.yaml into a Jurisdiction. Stage: load. The schema is
// docs/schema.md; every departure from it is a Diagnostic.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/diagnostic.hpp"
#include "sim/law/jurisdiction.hpp"

namespace reliefsim {

/// Parses one state file. Returns the jurisdiction only when no diagnostic was added.
std::optional<Jurisdiction> load_jurisdiction(std::string_view text, const std::string& file,
                                              Diagnostics& problems);

struct SourceFile {
  std::string path;  ///< as shown in messages
  std::string text;
};

/// Loads every file, then checks what no single file can: one file per postal code,
/// named after it. Returns the library only when no diagnostic was added.
std::optional<LawLibrary> load_law_library(const std::vector<SourceFile>& files,
                                           Diagnostics& problems);

}  // namespace reliefsim
