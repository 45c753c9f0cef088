#include "sim/load/citation_sources.hpp"

#include <algorithm>
#include <cctype>

#include "sim/load/yaml_tree.hpp"

namespace reliefsim {

std::vector<std::string> parse_mirror_hosts(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
    if (!line.empty()) {
      std::string host(line);
      std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
      out.push_back(std::move(host));
    }
    start = end + 1;
  }
  return out;
}

std::string url_host(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://"})
    if (url.substr(0, scheme.size()) == scheme) {
      url.remove_prefix(scheme.size());
      const size_t end = url.find_first_of("/?#:");
      std::string host(url.substr(0, end));
      std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
      if (host.rfind("www.", 0) == 0) host.erase(0, 4);
      return host;
    }
  return "";
}

bool is_mirror_host(const std::string& host, const std::vector<std::string>& mirrors) {
  for (const auto& m : mirrors)
    if (host == m || (host.size() > m.size() && host.compare(host.size() - m.size(), m.size(), m) == 0 &&
                      host[host.size() - m.size() - 1] == '.'))
      return true;
  return false;
}

namespace {

const YamlNode* get(const YamlNode& map, std::string_view key) {
  if (!map.is_map()) return nullptr;
  for (size_t i = 0; i < map.map_size(); ++i)
    if (map.key(i).value == key) return &map.val(i);
  return nullptr;
}

void walk(const YamlNode& n, const std::string& file, const std::vector<std::string>& mirrors, ReferenceListCheck& out) {
  if (n.is_map()) {
    for (size_t i = 0; i < n.map_size(); ++i) {
      const YamlNode& v = n.val(i);
      if (n.key(i).value == "reference" && v.is_sequence()) {
        int primary = 0, mirrored = 0;
        std::string hosts;
        for (const YamlNode& c : v.children) {
          ++out.citations;
          const YamlNode* href = get(c, "href");
          const bool names_primary = get(c, "statute") || get(c, "document");
          const std::string host = href && href->is_scalar() ? url_host(href->value) : "";
          if (!host.empty() && is_mirror_host(host, mirrors) && !names_primary) {
            ++mirrored;
            ++out.mirror_citations;
            if (hosts.find(host) == std::string::npos) hosts += (hosts.empty() ? "" : ", ") + host;
          } else {
            ++primary;
          }
        }
        if (primary == 0 && mirrored > 0)
          out.mirror_only.push_back(
              {{file, n.key(i).line, n.key(i).column},
               "warning: every citation here points at a copy of its source (" + hosts + ")",
               "cite the statute, order, proclamation, court or agency itself, or an archived copy of one, "
               "beside it (data/citation_mirrors.txt lists the copies)"});
        continue;
      }
      walk(v, file, mirrors, out);
    }
  } else if (n.is_sequence()) {
    for (const YamlNode& c : n.children) walk(c, file, mirrors, out);
  }
}

}  // namespace

ReferenceListCheck check_reference_sources(std::string_view text, const std::string& file,
                                           const std::vector<std::string>& mirrors) {
  ReferenceListCheck out;
  Diagnostics ignored;  // the file's own loader reports its problems
  const YamlNode root = parse_yaml(text, file, ignored);
  walk(root, file, mirrors, out);
  return out;
}

}  // namespace reliefsim
