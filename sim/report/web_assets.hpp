// The pages' own files (web/shared/, web/report/, web/serve/), embedded at build time: CMake
// writes their bytes into a generated source (sim/report/embed_web.cmake). The HTML report
// inlines them; `reliefsim serve` serves them. Stage: report.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reliefsim {

struct EmbeddedFile {
  const char* name;  ///< path under web/, such as "shared/views.js"
  const unsigned char* data;
  std::size_t size;
};

extern const EmbeddedFile kEmbeddedFiles[];
extern const std::size_t kEmbeddedFileCount;

/// The embedded file web/`name` ("report/index.html"), or nullopt.
std::optional<std::string_view> web_file(std::string_view name);

/// The library files both pages use, under the tree's root, as scripts/setup.sh installs them.
inline constexpr const char* kVegaPath = "web/node_modules/vega/build/vega.min.js";
inline constexpr const char* kVegaLitePath = "web/node_modules/vega-lite/build/vega-lite.min.js";
inline constexpr const char* kVegaEmbedPath = "web/node_modules/vega-embed/build/vega-embed.min.js";
inline constexpr const char* kVegaInterpreterPath = "web/node_modules/vega-interpreter/build/vega-interpreter.js";
inline constexpr const char* kUsStatesPath = "web/node_modules/us-atlas/states-10m.json";

/// vega-interpreter ships as an ES module only; the pages load classic scripts. Its one
/// import (from vega-util, which the vega bundle exposes as `vega`) and its one export are
/// rewritten to make a classic script setting window.vegaExpressionInterpreter. nullopt when
/// the module no longer has the lines expected (a new version of the package).
std::optional<std::string> interpreter_script(const std::string& module);

}  // namespace reliefsim
