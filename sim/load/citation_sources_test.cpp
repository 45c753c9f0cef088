#include <doctest/doctest.h>

#include "sim/load/citation_sources.hpp"

using namespace reliefsim;

TEST_CASE("issue 17: a citation's host is read from its URL and matched with subdomains") {
  CHECK(url_host("https://www.revisor.mn.gov/statutes/cite/299C.10") == "revisor.mn.gov");
  CHECK(url_host("http://EN.Wikipedia.org/wiki/X#y") == "en.wikipedia.org");
  CHECK(url_host("https://example.com:8443/a") == "example.com");
  CHECK(url_host("ftp://example.com/") == "");
  const auto mirrors = parse_mirror_hosts("# comment\nwikipedia.org\n  law.justia.com  # statutes\n\n");
  REQUIRE(mirrors.size() == 2);
  CHECK(is_mirror_host("en.wikipedia.org", mirrors));
  CHECK(is_mirror_host("law.justia.com", mirrors));
  CHECK_FALSE(is_mirror_host("justia.com", mirrors));          // the list names the subdomain only
  CHECK_FALSE(is_mirror_host("notwikipedia.org", mirrors));    // a suffix is not a subdomain
  CHECK_FALSE(is_mirror_host("revisor.mn.gov", mirrors));
}

TEST_CASE("issue 17: a reference list citing only copies is warned about, one with a primary source is not") {
  const auto mirrors = parse_mirror_hosts("wikipedia.org\nlaw.justia.com\n");
  const std::string text =
      "a:\n"
      "  reference:\n"
      "    - {title: copy, href: https://en.wikipedia.org/wiki/X}\n"
      "    - {title: another copy, href: https://law.justia.com/x}\n"
      "b:\n"
      "  values:\n"
      "    2020-01-01:\n"
      "      reference:\n"
      "        - {title: copy, href: https://en.wikipedia.org/wiki/Y}\n"
      "        - {title: the statute, href: https://www.revisor.mn.gov/statutes/cite/152.027}\n"
      "c:\n"
      "  reference:\n"
      "    - {title: copy with its cite, statute: Minn. Stat. 152.027, href: https://law.justia.com/y}\n";
  const ReferenceListCheck c = check_reference_sources(text, "states/xx.yaml", mirrors);
  CHECK(c.citations == 5);
  CHECK(c.mirror_citations == 3);
  REQUIRE(c.mirror_only.size() == 1);
  CHECK(c.mirror_only[0].where.line == 2);
  CHECK(c.mirror_only[0].where.column == 3);
  CHECK(c.mirror_only[0].message ==
        "warning: every citation here points at a copy of its source (en.wikipedia.org, law.justia.com)");
}
