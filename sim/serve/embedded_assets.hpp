// The page's own files (web/serve/*), embedded at build time: CMake writes their bytes into
// a generated source (sim/serve/embed_assets.cmake). Stage: serve.
#pragma once

#include <cstddef>

namespace reliefsim {

struct EmbeddedFile {
  const char* name;  ///< file name under web/serve/, such as "index.html"
  const unsigned char* data;
  std::size_t size;
};

extern const EmbeddedFile kEmbeddedFiles[];
extern const std::size_t kEmbeddedFileCount;

}  // namespace reliefsim
