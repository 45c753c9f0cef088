#include "sim/serve/scenario_json.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <regex>

namespace reliefsim {

namespace {

// A number as the loader reads one (Reader::number: strtod, whole string, no hex).
bool reads_as_number(const std::string& s) {
  if (s.empty() || s.find_first_of("xXpP") != std::string::npos) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  return end && *end == '\0' && errno == 0 && std::isfinite(v);
}

bool is_integer_text(const std::string& s) {
  static const std::regex re("-?[0-9]{1,15}");
  return std::regex_match(s, re);
}

// Text that YAML reads back as the same string when written plain in block context: it
// starts with a letter or digit, holds no character with a meaning in YAML (":", "#",
// quotes, brackets, "&", "*", "!", "|", ">", "%", "@", "`"), has no space at either end,
// and does not read as a number, boolean or null.
bool plain_safe(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  const unsigned char first = static_cast<unsigned char>(s.front());
  if (!(std::isalnum(first) || first >= 0x80)) return false;
  for (unsigned char c : s) {
    if (c >= 0x80 || std::isalnum(c)) continue;
    if (std::string_view(" _.,/()-+;=$").find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  if (reads_as_number(s)) return false;
  for (const char* word : {"true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL", "yes", "no",
                           "Yes", "No", "on", "off", "On", "Off"})
    if (s == word) return false;
  return true;
}

// Dates (YYYY-MM-DD) are written plain, as in the project's files.
bool is_date_text(const std::string& s) {
  static const std::regex re("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  return std::regex_match(s, re);
}

std::string quoted(const std::string& s) {
  // JSON's escapes (\" \\ \n \t \uXXXX …) are all YAML double-quoted escapes too.
  return Json(s).dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
}

std::string scalar_text(const Json& v, bool in_flow) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  const std::string s = v.get<std::string>();
  if (is_date_text(s)) return s;
  if (in_flow) {
    static const std::regex word("[A-Za-z][A-Za-z0-9_.-]*");
    return std::regex_match(s, word) && plain_safe(s) ? s : quoted(s);
  }
  return plain_safe(s) ? s : quoted(s);
}

bool is_scalar(const Json& v) { return !v.is_object() && !v.is_array(); }

// A key as YAML reads it back: plain unless it would read as something else ("null", "on",
// "1e5"), then quoted (found by fuzz_serve_body: a key "null" came back as no key at all).
std::string key_text(const std::string& k) { return plain_safe(k) ? k : quoted(k); }

struct Emitter {
  std::string out;
  std::string error;

  bool check_string(const std::string& s, const std::string& where) {
    // The characters the YAML reader refuses (yaml_tree.cpp), refused here by field name:
    // else the knobs pass and the YAML written of them fails, at a line the sender never saw.
    for (unsigned char c : s)
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
        error = where + ": control characters are not allowed in text";
        return false;
      }
    return true;
  }

  bool check(const Json& v, const std::string& where, int depth) {
    if (depth > kMaxYamlDepth) {
      error = where + ": nested deeper than " + std::to_string(kMaxYamlDepth) + " levels";
      return false;
    }
    if (v.is_string()) return check_string(v.get<std::string>(), where);
    if (v.is_number_float() && !std::isfinite(v.get<double>())) {
      error = where + ": expected a finite number";
      return false;
    }
    if (v.is_object()) {
      static const std::regex key_re("[A-Za-z0-9_]{1,64}");
      for (const auto& [k, x] : v.items()) {
        if (!std::regex_match(k, key_re)) {
          error = (where.empty() ? "" : where + ".") + k.substr(0, 64) +
                  ": expected a key of letters, digits and _ such as max_amount";
          return false;
        }
        if (!check(x, where.empty() ? k : where + "." + k, depth + 1)) return false;
      }
    }
    if (v.is_array())
      for (size_t i = 0; i < v.size(); ++i)
        if (!check(v[i], where + "[" + std::to_string(i) + "]", depth + 1)) return false;
    return true;
  }

  static std::string flow(const Json& v) {
    if (v.is_array()) {
      std::string s = "[";
      for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + flow(v[i]);
      return s + "]";
    }
    if (v.is_object()) {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, x] : v.items()) {
        s += (first ? "" : ", ") + key_text(k) + ": " + flow(x);
        first = false;
      }
      return s + "}";
    }
    return scalar_text(v, true);
  }

  // Short lists of scalars and empty collections read best in flow style ([a, b], {}).
  static bool flow_fits(const Json& v) {
    if (v.empty()) return true;
    if (!v.is_array()) return false;
    for (const auto& x : v)
      if (!is_scalar(x)) return false;
    return true;
  }

  // A map's entries at `indent`; the first line's indentation is already written when
  // `first_inline` (an item of a list: "- key: value").
  void map(const Json& v, int indent, bool first_inline) {
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      if (!(first && first_inline)) out += std::string(static_cast<size_t>(indent), ' ');
      first = false;
      out += key_text(k) + ":";
      value(x, indent);
    }
  }

  // After "key:" — the rest of the line, and the nested lines.
  void value(const Json& x, int indent) {
    if (is_scalar(x)) {
      out += " " + scalar_text(x, false) + "\n";
    } else if (flow_fits(x)) {
      out += " " + flow(x) + "\n";
    } else if (x.is_object()) {
      out += "\n";
      map(x, indent + 2, false);
    } else {
      out += "\n";
      list(x, indent + 2);
    }
  }

  void list(const Json& v, int indent) {
    for (const auto& item : v) {
      out += std::string(static_cast<size_t>(indent), ' ') + "-";
      if (item.is_object() && !item.empty()) {
        out += " ";
        map(item, indent + 2, true);
      } else if (is_scalar(item) || flow_fits(item)) {
        out += " " + (is_scalar(item) ? scalar_text(item, false) : flow(item)) + "\n";
      } else {
        out += "\n";
        list(item, indent + 2);
      }
    }
  }
};

}  // namespace

Json yaml_to_json(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null: return nullptr;
    case YamlNode::Kind::scalar: {
      const std::string& s = node.value;
      if (!node.quoted) {
        if (s == "true") return true;
        if (s == "false") return false;
        if (s == "null" || s == "~") return nullptr;
        if (is_integer_text(s)) return std::stoll(s);
        if (reads_as_number(s) && !is_date_text(s)) return std::strtod(s.c_str(), nullptr);
      }
      return s;
    }
    case YamlNode::Kind::sequence: {
      Json out = Json::array();
      for (const auto& c : node.children) out.push_back(yaml_to_json(c));
      return out;
    }
    case YamlNode::Kind::map: {
      Json out = Json::object();
      for (size_t i = 0; i < node.map_size(); ++i) out[node.key(i).value] = yaml_to_json(node.val(i));
      return out;
    }
  }
  return nullptr;
}

std::string json_to_yaml(const Json& value, const std::string& comment, std::string& error) {
  Emitter e;
  if (!value.is_object()) {
    error = "expected the scenario as an object such as {\"scenario\": {…}, \"actions\": […]}";
    return "";
  }
  if (!e.check(value, "", 0)) {
    error = e.error;
    return "";
  }
  size_t start = 0;
  while (!comment.empty() && start <= comment.size()) {
    const size_t nl = comment.find('\n', start);
    const std::string line = comment.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    e.out += line.empty() ? "#\n" : "# " + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  e.map(value, 0, false);
  return e.out;
}

BodyScenario scenario_of_body(const std::string& body, bool yaml_body, const ScenarioSource& source,
                              const std::function<std::string(const std::string& id)>& comment) {
  static const std::regex scenario_id("[a-z0-9_]{1,64}");
  BodyScenario out;
  std::string& id = out.id;
  if (yaml_body) {
    // A scenario file as it is: find its id, then load it under the file name the id needs.
    YamlNode tree = compose_scenario_tree(body, "request.yaml", out.problems, source);
    if (tree.is_null()) {
      out.error = out.problems.empty() ? "the body is empty; expected a scenario in YAML (docs/schema.md)"
                                       : "the scenario does not load: " + format_diagnostic(out.problems.front());
      return out;
    }
    const Json knobs = yaml_to_json(tree);
    if (knobs.contains("scenario") && knobs["scenario"].is_object() && knobs["scenario"].contains("id") &&
        knobs["scenario"]["id"].is_string())
      id = knobs["scenario"]["id"].get<std::string>();
    out.yaml = body;
  } else {
    Json knobs;
    try {
      knobs = Json::parse(body);
    } catch (const Json::exception& e) {
      // parse_error, and out_of_range for a number beyond a double (1e999; found by
      // fuzz_serve_body: it escaped as a 500).
      out.error = "malformed JSON: " + std::string(e.what()) +
                  "; expected a scenario as JSON such as {\"scenario\": {\"id\": …}, \"actions\": […]} "
                  "(GET /api/scenarios gives every scenario in this shape), or YAML with Content-Type text/yaml";
      return out;
    }
    if (!knobs.is_object() || !knobs.contains("scenario") || !knobs["scenario"].is_object()) {
      out.error = "scenario: expected an object {\"scenario\": {\"id\": …, \"title\": …, \"as_of\": …}, "
                  "\"actions\": […]}, as GET /api/scenarios gives under knobs";
      return out;
    }
    if (knobs["scenario"].contains("id") && knobs["scenario"]["id"].is_string())
      id = knobs["scenario"]["id"].get<std::string>();
    if (std::regex_match(id, scenario_id)) {
      out.yaml = json_to_yaml(knobs, comment ? comment(id) : "", out.error);
      if (!out.error.empty()) return out;
    }
  }
  if (!std::regex_match(id, scenario_id)) {
    out.error = "scenario.id: expected 1 to 64 lower-case letters, digits and _ such as my_measure_2026 "
                "(the file name of the scenario), got " + Json(id.substr(0, 80)).dump(-1, ' ', false, Json::error_handler_t::replace);
    out.yaml.clear();
    return out;
  }
  out.file = id + ".yaml";
  return out;
}

}  // namespace reliefsim
