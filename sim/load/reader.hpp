// Reader: typed, located access to a YamlNode tree that collects every problem as a
// Diagnostic instead of stopping at the first. Stage: load. The messages say what was
// expected with an example (docs/schema.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/date.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/base/distribution.hpp"
#include "sim/base/spellcheck.hpp"
#include "sim/law/scope.hpp"
#include "sim/law/vocabulary.hpp"
#include "sim/load/yaml_tree.hpp"

namespace reliefsim {

/// An http(s) URL with a host and only the characters a URL may hold (no spaces, quotes or
/// angle brackets).
bool is_url(std::string_view s);

/// "" when `document` (docs/file.md or docs/file.md#anchor, cited by `citing_file`) exists in
/// the repository the citing file is in, with a Markdown heading for its anchor; else what is
/// missing. Files outside a checkout are not checked.
std::string missing_document(const std::string& citing_file, std::string_view document);

/// Ids (scenarios, actions, provisions) reach file names, URLs and web pages: 1 to 80 ASCII
/// letters, digits, '_', '-' and '.'.
bool is_identifier(std::string_view s);

/// Jurisdiction names reach every table and page: 1 to 60 ASCII letters, spaces and . , ' ( ) -.
bool is_place_name(std::string_view s);

/// `s` with control characters shown as \xNN and cut to 60 bytes, for a message.
std::string printable(std::string_view s);

class Reader {
 public:
  Reader(std::string file, Diagnostics& problems) : file_(std::move(file)), problems_(problems) {}

  const std::string& file() const { return file_; }
  void error(const YamlNode& at, std::string message, std::string hint = {});
  SourceLocation where(const YamlNode& at) const { return {at.file ? *at.file : file_, at.line, at.column}; }
  size_t problem_count() const { return problems_.size(); }

  std::optional<std::string> text(const YamlNode& n, std::string_view what);
  std::optional<Date> date(const YamlNode& n, std::string_view what);
  /// A number; `minimum` bounds it from below (inclusive).
  std::optional<double> number(const YamlNode& n, std::string_view what,
                               std::optional<double> minimum = 0.0);
  std::optional<int> integer(const YamlNode& n, std::string_view what, int lo, int hi);
  std::optional<bool> boolean(const YamlNode& n, std::string_view what);
  template <class E>
  std::optional<E> word(const YamlNode& n, std::string_view what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    if (auto e = parse_enum<E>(*s)) return e;
    const auto words = enum_words<E>();
    std::string list;
    for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
    error(n, "expected " + std::string(what) + " to be one of " + list + ", got '" + *s + "'",
          did_you_mean(*s, words));
    return std::nullopt;
  }
  template <class E>
  std::vector<E> words(const YamlNode& n, std::string_view what) {
    std::vector<E> out;
    if (!n.is_sequence()) {
      error(n, "expected " + std::string(what) + " as a list such as [" +
                   std::string(to_string(enum_names<E>().front().first)) + "], got " + n.describe());
      return out;
    }
    for (const auto& item : n.children)
      if (auto e = word<E>(item, what)) out.push_back(*e);
    return out;
  }
  /// A non-empty list of {title, href | statute, note}.
  References references(const YamlNode& n, std::string_view what);
  /// An amount {value, unit: gram|ounce} in grams.
  std::optional<double> amount_grams(const YamlNode& n, std::string_view what);
  Scope scope(const YamlNode& n, std::string_view what);
  /// {fixed: v} | {uniform: [lo, hi]} | {triangular: [lo, mode, hi]} | {lognormal: {median, sigma}}
  std::optional<Distribution> distribution(const YamlNode& n, std::string_view what);

 private:
  std::string file_;
  Diagnostics& problems_;
};

/// A map whose keys are checked: ask for each key you accept with get() or need(); then
/// done() reports every other key as unknown, suggesting the nearest accepted one.
class MapView {
 public:
  MapView(Reader& r, const YamlNode& node, std::string where);
  bool ok() const { return ok_; }
  const YamlNode* get(std::string_view key);
  const YamlNode* need(std::string_view key);
  void done();
  const YamlNode& node() const { return node_; }

 private:
  Reader& r_;
  const YamlNode& node_;
  std::string where_;
  bool ok_;
  std::vector<std::string> asked_;
};

}  // namespace reliefsim
