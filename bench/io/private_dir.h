// A private folder under the temp directory for a server we run (configs, logs, stores), removed
// with everything in it when its owner ends.
#pragma once

#include <string>

namespace hil::bench {

class PrivateDir {
 public:
  // Creates <temp>/<prefix>-XXXXXX; path() is empty when it could not be made.
  explicit PrivateDir(const std::string& prefix);
  ~PrivateDir();
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace hil::bench
