#include "sim/report/web_assets.hpp"

namespace reliefsim {

std::optional<std::string_view> web_file(std::string_view name) {
  for (std::size_t i = 0; i < kEmbeddedFileCount; ++i)
    if (name == kEmbeddedFiles[i].name)
      return std::string_view(reinterpret_cast<const char*>(kEmbeddedFiles[i].data), kEmbeddedFiles[i].size);
  return std::nullopt;
}

std::optional<std::string> interpreter_script(const std::string& module) {
  const std::string import_line = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';";
  const std::string export_line = "export { expression as expressionInterpreter };";
  const size_t i = module.find(import_line), e = module.find(export_line);
  if (i == std::string::npos || e == std::string::npos || e < i) return std::nullopt;
  std::string out = module;
  out.replace(e, export_line.size(), "window.vegaExpressionInterpreter = expression;\n})();");
  out.replace(i, import_line.size(), "(function () {\nconst { ascending, isString, DisallowedObjectProperties } = vega;");
  return out;
}

}  // namespace reliefsim
