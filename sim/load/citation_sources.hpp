// Citation sources: which citations in a law or scenario file point only at copies of a
// source (wiki mirrors, statute aggregators, document-sharing sites, blogs) rather than at
// the statute, order, proclamation, court or agency itself or an archived copy of one.
// Stage: load. The list of such hosts lives in data/citation_mirrors.txt (docs/data.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/base/diagnostic.hpp"

namespace reliefsim {

/// Hosts from data/citation_mirrors.txt: one a line, '#' starts a comment; a line
/// "example.com" also matches its subdomains ("www.example.com", "blog.example.com").
std::vector<std::string> parse_mirror_hosts(std::string_view text);

/// The host of an http(s) URL, lower-cased, without "www."; empty when it has none.
std::string url_host(std::string_view url);

/// True when `host` is on `mirrors` or is a subdomain of one.
bool is_mirror_host(const std::string& host, const std::vector<std::string>& mirrors);

struct ReferenceListCheck {
  int citations = 0;        ///< citations in the file
  int mirror_citations = 0; ///< of those, whose only source is a mirror's URL
  /// One warning per reference list none of whose citations names a primary source (a
  /// statute cite, a project document, or a URL not on the mirror list).
  Diagnostics mirror_only;
};

/// Finds every `reference:` list in `text` (a YAML file already known to parse) and checks
/// it against `mirrors`.
ReferenceListCheck check_reference_sources(std::string_view text, const std::string& file,
                                           const std::vector<std::string>& mirrors);

}  // namespace reliefsim
