// Where a run's script is: the path a user wrote, resolved and checked against the allowed folders.
#include "bench/head/processes/script_path.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace hil::bench {
namespace {

namespace fs = std::filesystem;

ScriptPath refuse(const std::string& why) { return {"", why}; }

// The path as written, quoted, with control characters made visible, so a reason stays one line.
std::string quoted(const std::string& path) {
  std::string text = "'";
  for (const char c : path) text += std::iscntrl(static_cast<unsigned char>(c)) ? '?' : c;
  return text + "'";
}

// Component by component, so that /scripts2/x is not taken to be inside /scripts.
bool lies_inside(const fs::path& file, const fs::path& dir) {
  const auto [dir_end, file_rest] = std::mismatch(dir.begin(), dir.end(), file.begin(), file.end());
  return dir_end == dir.end() && file_rest != file.end();
}

bool inside_any(const fs::path& file, const std::vector<std::string>& scripts_dirs) {
  return std::any_of(scripts_dirs.begin(), scripts_dirs.end(), [&](const std::string& dir) {
    std::error_code ec;
    const fs::path resolved_dir = fs::canonical(dir, ec);
    return !ec && lies_inside(file, resolved_dir);
  });
}

}  // namespace

ScriptPath resolve_script_path(const std::string& path,
                               const std::vector<std::string>& scripts_dirs) {
  if (path.empty()) return refuse("no script path given");
  if (path.front() == '-') return refuse("script path starts with '-': " + quoted(path));
  if (scripts_dirs.empty()) return refuse("no scripts folder is allowed");
  const fs::path written(path);
  const fs::path absolute =
      written.is_absolute() ? written : fs::path(scripts_dirs.front()) / written;
  std::error_code ec;
  const fs::path resolved = fs::canonical(absolute, ec);
  if (ec) return refuse("script " + quoted(path) + ": " + ec.message());
  if (!inside_any(resolved, scripts_dirs)) {
    return refuse("script " + quoted(path) + " is outside the allowed folders");
  }
  if (!fs::is_regular_file(resolved, ec)) {
    return refuse("script " + quoted(path) + " is not a regular file");
  }
  return {resolved.string(), ""};
}

}  // namespace hil::bench
