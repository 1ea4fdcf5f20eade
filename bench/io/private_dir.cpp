// A private folder under the temp directory for a server we run (configs, logs, stores), removed
// with everything in it when its owner ends.
#include "bench/io/private_dir.h"

#include <cstdlib>
#include <filesystem>

namespace hil::bench {

PrivateDir::PrivateDir(const std::string& prefix) {
  std::error_code ec;
  std::string pattern = (std::filesystem::temp_directory_path(ec) / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

PrivateDir::~PrivateDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

}  // namespace hil::bench
