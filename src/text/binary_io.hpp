#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace hotline::text {

// Little helpers for the model file: append plain values and arrays to a byte buffer, and
// read them back with bounds checks. Only trivially copyable types, host byte order (the model
// file header rejects big-endian hosts). Not thread-safe.
class BinaryWriter {
 public:
  template <typename T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&value);
    bytes_.append(p, sizeof(T));
  }
  template <typename T>
  void put_vector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void put_string(std::string_view s) {
    put<std::uint64_t>(s.size());
    bytes_.append(s);
  }
  [[nodiscard]] const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Reads what `BinaryWriter` wrote. Throws std::runtime_error("truncated model data") when a
// read runs past the end, so a corrupt file is an error, never a crash.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  template <typename T>
  std::vector<T> get_vector() {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto count = get<std::uint64_t>();
    if (count > remaining() / sizeof(T)) throw std::runtime_error("truncated model data");
    std::vector<T> values(count);
    if (count > 0) std::memcpy(values.data(), take(count * sizeof(T)), count * sizeof(T));
    return values;
  }
  std::string get_string() {
    const auto size = get<std::uint64_t>();
    if (size > remaining()) throw std::runtime_error("truncated model data");
    return std::string(take(size), size);
  }
  [[nodiscard]] std::size_t remaining() const { return bytes_.size() - offset_; }

 private:
  const char* take(std::size_t size) {
    if (size > remaining()) throw std::runtime_error("truncated model data");
    const char* p = bytes_.data() + offset_;
    offset_ += size;
    return p;
  }

  std::string_view bytes_;
  std::size_t offset_ = 0;
};

}  // namespace hotline::text
