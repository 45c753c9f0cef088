// One front end (issue 19): the report and the serve page are the files of web/, embedded at
// build time; no page script, markup or style lives in C++ strings; no page file builds
// markup from text; the report's JSON is nlohmann-json's, in the layout run has always printed.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "sim/report/json_layout.hpp"
#include "sim/report/web_assets.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

namespace {
const fs::path kWeb = fs::path(RELIEFSIM_SOURCE_DIR) / "web";
}

TEST_CASE("every page file of web/ is embedded, byte for byte, and nothing else is") {
  size_t on_disk = 0;
  for (const char* folder : {"shared", "report", "serve"}) {
    for (const auto& e : fs::recursive_directory_iterator(kWeb / folder)) {
      const std::string name = fs::relative(e.path(), kWeb).generic_string();
      // As embed_web.cmake: no hidden files or editor backups.
      if (!e.is_regular_file() || e.path().filename().string().starts_with(".") || name.ends_with("~")) continue;
      ++on_disk;
      const auto embedded = web_file(name);
      REQUIRE_MESSAGE(embedded.has_value(), name << " is not embedded: reconfigure (cmake -S . -B build)");
      CHECK_MESSAGE(*embedded == testing::read_whole_file(e.path()), name << " differs from the embedded copy: rebuild");
    }
  }
  CHECK(kEmbeddedFileCount == on_disk);
  // The files both pages use are one file each, not a copy per page.
  for (const char* shared : {"shared/views.js", "shared/reliefsim.css"}) CHECK(web_file(shared).has_value());
  CHECK_FALSE(web_file("report/views.js").has_value());
  CHECK_FALSE(web_file("serve/views.js").has_value());
  CHECK_FALSE(web_file("serve/serve.css").has_value());
}

TEST_CASE("the pages' scripts never turn text into markup") {
  // Text from input files reaches the DOM only as text (textContent), never parsed as HTML.
  const std::regex markup_sinks(R"(innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|srcdoc)");
  for (size_t i = 0; i < kEmbeddedFileCount; ++i) {
    const std::string name = kEmbeddedFiles[i].name;
    const std::string text(reinterpret_cast<const char*>(kEmbeddedFiles[i].data), kEmbeddedFiles[i].size);
    CHECK_MESSAGE(!std::regex_search(text, markup_sinks), name << " uses an HTML sink");
    if (name.ends_with(".html")) {
      CHECK_MESSAGE(!std::regex_search(text, std::regex(R"(<[^>]*\son[a-z]+\s*=)")), name << " has an inline event handler");
      CHECK_MESSAGE(text.find("<style") == std::string::npos, name << ": styles belong in web/shared/reliefsim.css");
    }
  }
}

TEST_CASE("html_report.cpp fills web/report/index.html and holds no page script, markup or style of its own") {
  const std::string source = testing::read_whole_file(fs::path(RELIEFSIM_SOURCE_DIR) / "sim/report/html_report.cpp");
  // What a page script, its markup or its stylesheet would need; the report's are in web/.
  for (const char* word : {"function (", "function(", "addEventListener", "vegaEmbed", "document.", "querySelector",
                           "R\"JS", "R\"CSS", "R\"HTML", "<table", "<h2", "<div", "<section", "<p ", "<li>",
                           "font-family", "border-collapse"})
    CHECK_MESSAGE(source.find(word) == std::string::npos, "sim/report/html_report.cpp holds \"" << word << "\"");
  // The template holds each of the places the report fills once.
  const std::string page(*web_file("report/index.html"));
  for (const char* mark : {"policy", "style", "libraries", "data", "scripts"}) {
    const std::string m = std::string("<!-- reliefsim:") + mark + " -->";
    const size_t at = page.find(m);
    CHECK_MESSAGE(at != std::string::npos, m);
    CHECK_MESSAGE(page.find(m, at + 1) == std::string::npos, m << " twice");
  }
}

TEST_CASE("json_layout writes nlohmann-json values in run's layout") {
  JsonDoc d;
  d["scenario"] = "a\"b\\c\n";
  d["seed"] = std::uint64_t{20221006};
  d["inputs"] = JsonDoc::array();
  d["notes"] = JsonDoc::array({"x", "y"});
  d["gates"] = JsonDoc::array({JsonDoc{{"postal", "TX"}, {"agreed_share", 0.5}}});
  d["rows"] = JsonDoc::array({JsonDoc{{"median", json_count(6576.5)}, {"p05", json_count(-0.2)}}, JsonDoc{{"median", 1}}});
  CHECK(json_layout(d, {"inputs", "rows"}) ==
        "{\n  \"scenario\": \"a\\\"b\\\\c\\n\",\n  \"seed\": 20221006,\n  \"inputs\": [\n  ],\n  \"notes\": [\"x\", \"y\"],\n"
        "  \"gates\": [{\"postal\": \"TX\", \"agreed_share\": 0.500}],\n  \"rows\": [\n    {\"median\": 6577, \"p05\": 0},\n"
        "    {\"median\": 1}\n  ]\n}\n");
  // Text that is not UTF-8 is replaced, never thrown on; UTF-8 is kept as is.
  CHECK(json_inline(JsonDoc(std::string("\xff–"))) == "\"\xef\xbf\xbd–\"");
}
