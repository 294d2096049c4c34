// SPDX-License-Identifier: MIT
/// \file core/collection.hpp
/// A panel of series addressed by id, in insertion order.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"

namespace tradecast {

/// Series addressed by their id, kept in the order they were added.
class series_collection {
 public:
  using const_iterator = std::vector<series>::const_iterator;

  /// Adds a series. \throws invalid_argument when the id is empty or already present.
  series& add(series s) {
    if (s.id().empty()) throw invalid_argument("series id must not be empty");
    if (index_.contains(s.id())) throw invalid_argument("duplicate series id '" + s.id() + "'");
    index_.emplace(s.id(), items_.size());
    items_.push_back(std::move(s));
    return items_.back();
  }

  [[nodiscard]] bool contains(std::string_view id) const { return index_.contains(std::string(id)); }
  /// The series with this id, or nullptr.
  [[nodiscard]] const series* find(std::string_view id) const {
    auto it = index_.find(std::string(id));
    return it == index_.end() ? nullptr : &items_[it->second];
  }
  /// The series with this id. \throws not_found listing the ids that exist.
  [[nodiscard]] const series& at(std::string_view id) const {
    if (const series* s = find(id)) return *s;
    std::string known;
    for (const auto& s : items_) known += (known.empty() ? "" : ", ") + s.id();
    throw not_found("unknown series '" + std::string(id) + "'; available: " +
                    (known.empty() ? std::string("none") : known));
  }
  [[nodiscard]] series& at(std::string_view id) {
    return const_cast<series&>(static_cast<const series_collection&>(*this).at(id));
  }

  [[nodiscard]] std::vector<std::string> ids() const {
    std::vector<std::string> out;
    out.reserve(items_.size());
    for (const auto& s : items_) out.push_back(s.id());
    return out;
  }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] const series& operator[](std::size_t i) const { return items_.at(i); }
  [[nodiscard]] const_iterator begin() const noexcept { return items_.begin(); }
  [[nodiscard]] const_iterator end() const noexcept { return items_.end(); }

 private:
  std::vector<series> items_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace tradecast
