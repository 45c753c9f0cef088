#include "sim/report/json_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reliefsim {

JsonDoc json_count(double v) {
  const double r = std::round(v);
  // Counts are far below 2^53; beyond int64 a double keeps the value.
  if (!(std::fabs(r) < 9.2e18)) return r;
  return r == 0 ? std::int64_t{0} : static_cast<std::int64_t>(r);
}

std::string json_inline(const JsonDoc& v, int decimals) {
  switch (v.type()) {
    case JsonDoc::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, value] : v.items()) {
        out += (first ? "" : ", ") + JsonDoc(key).dump() + ": " + json_inline(value, decimals);
        first = false;
      }
      return out + "}";
    }
    case JsonDoc::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + json_inline(v[i], decimals);
      return out + "]";
    }
    case JsonDoc::value_t::number_float: {
      const double d = v.get<double>();
      if (decimals < 0) return v.dump();
      if (!std::isfinite(d)) return "null";  // as nlohmann-json writes them
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*f", decimals, d);
      return buf;
    }
    default:
      return v.dump(-1, ' ', false, JsonDoc::error_handler_t::replace);
  }
}

std::string json_layout(const JsonDoc& doc, std::initializer_list<std::string_view> one_per_line, int decimals) {
  if (!doc.is_object()) return json_inline(doc, decimals) + "\n";
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    out += std::string(first ? "\n  " : ",\n  ") + JsonDoc(key).dump() + ": ";
    first = false;
    const bool long_list = value.is_array() && std::find(one_per_line.begin(), one_per_line.end(), key) != one_per_line.end();
    if (!long_list) {
      out += json_inline(value, decimals);
      continue;
    }
    out += "[";
    for (size_t i = 0; i < value.size(); ++i) out += (i ? ",\n    " : "\n    ") + json_inline(value[i], decimals);
    out += "\n  ]";
  }
  return out + "\n}\n";
}

}  // namespace reliefsim
