// YamlNode: a YAML document as a tree that remembers where each node was written.
// Stage: load (the only folder that includes yaml-cpp). Built from yaml-cpp's event
// parser rather than YAML::Node because YAML::Node keeps no marks for keys, accepts
// duplicate keys silently (jbeder/yaml-cpp #60) and expands aliases, which would let
// an alias bomb through. Anchors and aliases are rejected outright (docs/schema.md).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/diagnostic.hpp"

namespace reliefsim {

struct YamlNode {
  enum class Kind { null, scalar, map, sequence };
  Kind kind = Kind::null;
  std::string value;   ///< scalars only
  bool quoted = false; ///< scalar written in quotes: never a number, date or boolean
  int line = 0;        ///< 1-based
  int column = 0;      ///< 1-based
  /// The file the node was written in: composed scenarios mix nodes of several files.
  std::shared_ptr<const std::string> file;
  /// map: key, value, key, value, ...; sequence: the items.
  std::vector<YamlNode> children;

  bool is_map() const { return kind == Kind::map; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_null() const { return kind == Kind::null; }
  size_t map_size() const { return children.size() / 2; }
  const YamlNode& key(size_t i) const { return children[2 * i]; }
  const YamlNode& val(size_t i) const { return children[2 * i + 1]; }
  /// The kind in words, for messages: "a map", "a list", "text '…'", "nothing".
  std::string describe() const;
};

/// Limits that keep hostile input from exhausting time or memory.
inline constexpr size_t kMaxYamlBytes = 8u << 20;
inline constexpr int kMaxYamlDepth = 64;
/// Problems reported while reading one file's YAML before the reader stops with a note.
inline constexpr int kMaxYamlProblems = 100;

/// Parses `text` (the contents of `file`). On any problem, appends diagnostics and
/// returns a null node; an empty document is a null node with no diagnostic.
YamlNode parse_yaml(std::string_view text, const std::string& file, Diagnostics& problems);

}  // namespace reliefsim
