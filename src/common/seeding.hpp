// Stable 64-bit hashing and seed derivation. Written out here (not std::hash) because ids and
// seeds are stored in results files and must not change across compilers or platforms.
#pragma once

#include <cstdint>
#include <string_view>

namespace diffsweep {

// FNV-1a, 64-bit.
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// SplitMix64 finaliser: spreads nearby inputs over the whole range.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The seed of a point (or of any state keyed by a hash) within a sweep.
constexpr std::uint64_t derive_seed(std::uint64_t sweep_seed, std::uint64_t key) {
  return mix64(mix64(sweep_seed) ^ key);
}

}  // namespace diffsweep
