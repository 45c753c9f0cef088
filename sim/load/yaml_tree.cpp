#include "sim/load/yaml_tree.hpp"

#include <cstdio>

#include <sstream>
#include <unordered_map>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace reliefsim {

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::null: return "nothing";
    case Kind::map: return children.empty() ? "an empty map" : "a map";
    case Kind::sequence: return children.empty() ? "an empty list" : "a list";
    case Kind::scalar: {
      std::string v = value.size() > 40 ? value.substr(0, 40) + "…" : value;
      return "'" + v + "'";
    }
  }
  return "?";
}

namespace {

// Returns the 1-based line/column of the first byte that is not valid UTF-8, or {0,0}.
std::pair<int, int> find_invalid_utf8(std::string_view t) {
  int line = 1, col = 1;
  for (size_t i = 0; i < t.size();) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= t.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(t[i + k]) >> 6) == 2;
    if (ok && n == 2 && c < 0xC2) ok = false;  // overlong
    if (!ok) return {line, col};
    if (c == '\n') { ++line; col = 1; } else { ++col; }
    i += n;
  }
  return {0, 0};
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, Diagnostics& problems) : file_(file), problems_(problems) {}

  YamlNode root;
  int documents = 0;
  bool failed = false;

  void OnDocumentStart(const YAML::Mark&) override { ++documents; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override {
    YamlNode n;
    n.kind = YamlNode::Kind::null;
    place(m, a, std::move(n));
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { reject_alias(m, "an alias ('*')"); }
  // Anchors are reported where the anchored node starts (place), not here as well.
  void OnAnchor(const YAML::Mark&, const std::string&) override {}
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                const std::string& value) override {
    // An escape such as "\0" or "\x01" would put a control character into a name or a
    // title, which no reader of a table or page can see: refuse it.
    for (unsigned char c : value)
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
        char code[8];
        std::snprintf(code, sizeof code, "%02X", c);
        error(m, std::string("expected text without control characters, found U+00") + code + " in this value",
              "remove the escape sequence that makes it");
        break;
      }
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.value = value;
    n.quoted = tag == "!";  // yaml-cpp tags quoted scalars "!" and plain ones "?"
    if (!n.quoted && (value == "~" || value == "null" || value == "Null" || value == "NULL"))
      n.kind = YamlNode::Kind::null;
    place(m, a, std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    open(m, a, YamlNode::Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                  YAML::EmitterStyle::value) override {
    open(m, a, YamlNode::Kind::map);
  }
  void OnMapEnd() override { close(); }

 private:
  void error(const YAML::Mark& m, std::string msg, std::string hint = {}, bool fatal = true) {
    if (fatal) failed = true;
    // A broken file can repeat one mistake thousands of times; past a point more messages
    // help nobody and cost time, so the list ends with a note instead.
    if (reported_ == kMaxYamlProblems) {
      problems_.push_back({{file_, m.line + 1, m.column + 1},
                           "more than " + std::to_string(kMaxYamlProblems) + " problems; stopping here",
                           "fix the ones above and check again"});
      failed = true;
    }
    if (reported_++ >= kMaxYamlProblems) return;
    problems_.push_back({{file_, m.line + 1, m.column + 1}, std::move(msg), std::move(hint)});
  }
  void reject_alias(const YAML::Mark& m, const char* what) {
    error(m, std::string("found ") + what + ", but reliefsim files may not use anchors or aliases",
          "write the value out in full");
  }
  static YamlNode at(const YAML::Mark& m, YamlNode n) {
    n.line = m.line + 1;
    n.column = m.column + 1;
    return n;
  }
  void place(const YAML::Mark& m, YAML::anchor_t anchor, YamlNode n) {
    if (anchor != YAML::NullAnchor) reject_alias(m, "an anchor ('&')");
    n = at(m, std::move(n));
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    YamlNode& parent = *stack_.back();
    if (parent.is_map() && parent.children.size() % 2 == 0) {
      // A key: must be a scalar and must not repeat.
      if (!n.is_scalar() && !n.is_null()) {
        error(m, std::string("expected a plain key such as 'reference', got ") +
                     (n.is_map() ? "a map" : "a list") + " used as a key");
        YamlNode placeholder;
        placeholder.kind = YamlNode::Kind::scalar;
        placeholder.value = "?";
        placeholder.line = n.line;
        placeholder.column = n.column;
        n = std::move(placeholder);
      }
      // Each repeat is reported once, against the key's first appearance (looked up, not
      // searched: a map of many repeated keys must not cost the square of their number).
      auto& seen = keys_.back();
      if (auto it = seen.find(n.value); it != seen.end()) {
        error(m, "duplicate key '" + n.value + "' (first written at line " +
                     std::to_string(it->second.first) + ", column " + std::to_string(it->second.second) + ")",
              "each key may appear once in a map", /*fatal=*/false);
      } else {
        seen.emplace(n.value, std::make_pair(n.line, n.column));
      }
    }
    parent.children.push_back(std::move(n));
  }
  void open(const YAML::Mark& m, YAML::anchor_t anchor, YamlNode::Kind kind) {
    if (static_cast<int>(stack_.size()) >= kMaxYamlDepth) {
      error(m, "nesting deeper than " + std::to_string(kMaxYamlDepth) + " levels",
            "reliefsim files are at most a few levels deep");
      throw YAML::ParserException(m, "too deep");
    }
    YamlNode n;
    n.kind = kind;
    place(m, anchor, std::move(n));
    YamlNode* where = stack_.empty() ? &root : &stack_.back()->children.back();
    stack_.push_back(where);
    keys_.emplace_back();
  }
  void close() {
    if (!stack_.empty()) stack_.pop_back();
    if (!keys_.empty()) keys_.pop_back();
  }

  const std::string& file_;
  Diagnostics& problems_;
  std::vector<YamlNode*> stack_;
  std::vector<std::unordered_map<std::string, std::pair<int, int>>> keys_;  ///< per open map: key → first line, column
  int reported_ = 0;
};

}  // namespace

YamlNode parse_yaml(std::string_view text, const std::string& file, Diagnostics& problems) {
  if (text.size() > kMaxYamlBytes) {
    problems.push_back({{file, 1, 1},
                        "file is " + std::to_string(text.size()) + " bytes; expected at most " +
                            std::to_string(kMaxYamlBytes),
                        "split it or check that this is the file you meant"});
    return {};
  }
  if (auto [line, col] = find_invalid_utf8(text); line > 0) {
    problems.push_back({{file, line, col}, "invalid UTF-8 byte", "save the file as UTF-8"});
    return {};
  }
  // YAML forbids control characters other than tab and line breaks; yaml-cpp would drop a
  // NUL silently, and with it part of a value.
  {
    int line = 1, col = 1;
    for (unsigned char c : text) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        char code[8];
        std::snprintf(code, sizeof code, "%02X", c);
        problems.push_back({{file, line, col},
                            std::string("expected text, found the control character U+00") + code +
                                (c == 0 ? " (NUL)" : ""),
                            "YAML files may hold tabs and line breaks but no other control characters; remove it"});
        return {};
      }
      if (c == '\n') { ++line; col = 1; } else if ((c & 0xC0) != 0x80) { ++col; }
    }
  }
  std::istringstream in{std::string(text)};
  const size_t before = problems.size();
  TreeBuilder builder(file, problems);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder) && parser.HandleNextDocument(builder)) {
      problems.push_back({{file, 1, 1}, "expected one YAML document, found several",
                          "remove the '---' separators"});
    }
  } catch (const YAML::DeepRecursion& e) {
    problems.push_back({{file, e.mark.line + 1, e.mark.column + 1},
                        "nesting too deep", "reliefsim files are at most a few levels deep"});
  } catch (const YAML::ParserException& e) {
    if (e.msg != "too deep")
      problems.push_back({{file, e.mark.line + 1, e.mark.column + 1},
                          "YAML syntax error: " + e.msg,
                          "check indentation, quotes and brackets on this line and the lines above"});
  }
  // A duplicate key leaves a usable tree, so later checks still run; other errors do not.
  if (builder.failed || (problems.size() != before && builder.documents == 0)) return {};
  for (size_t i = before; i < problems.size(); ++i)
    if (problems[i].message.rfind("duplicate key", 0) != 0) return {};
  const auto name = std::make_shared<const std::string>(file);
  std::vector<YamlNode*> todo = {&builder.root};
  while (!todo.empty()) {
    YamlNode* n = todo.back();
    todo.pop_back();
    n->file = name;
    for (auto& c : n->children) todo.push_back(&c);
  }
  return std::move(builder.root);
}

}  // namespace reliefsim
