// Where a run's script is: the path a user wrote, resolved and checked against the allowed folders.
#pragma once

#include <string>
#include <vector>

namespace hil::bench {

struct ScriptPath {
  std::string resolved;  // absolute, with symlinks and `..` resolved; empty when refused
  std::string refusal;   // why the path was refused, one line; empty when accepted
};

// Resolves `path` (relative paths against the first of `scripts_dirs`) and accepts it only when
// the file it names is a regular file inside one of `scripts_dirs`, themselves resolved, so that
// neither a symlink nor `..` leads out of them. A path starting with `-` is refused, so that no
// interpreter reads it as an option.
ScriptPath resolve_script_path(const std::string& path,
                               const std::vector<std::string>& scripts_dirs);

}  // namespace hil::bench
