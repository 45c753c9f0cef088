// Citation: where a number or a rule comes from. Stage: base.
// Every dated value in states/ and every scenario action carries at least one.
#pragma once

#include <string>
#include <vector>

namespace reliefsim {

struct Citation {
  std::string title;    ///< the section named precisely, e.g. "RSMo § 579.015"
  std::string href;     ///< an http(s) URL; may be empty when `statute` is set
  std::string statute;  ///< a statute cite; may be empty when `href` is set
  std::string note;     ///< optional: what the citation supports
};

using References = std::vector<Citation>;

}  // namespace reliefsim
