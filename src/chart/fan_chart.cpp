// SPDX-License-Identifier: MIT
// The SVG fan chart (declared in tradecast/chart/fan_chart.hpp).
#include "tradecast/chart/fan_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace tradecast::chart::detail {
namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

/// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about `target` ticks.
double nice_step(double range, int target) {
  if (!(range > 0)) return 1.0;
  const double raw = range / target;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= f * p) return f * p;
  return 10 * p;
}

/// The width of `t` in em, roughly: 0.6 for a character of one or two UTF-8 bytes (Latin, Greek,
/// Cyrillic), 1 for one of three or four (CJK and most symbols are full width; Vietnamese letters
/// with two marks are over-estimated, which only shrinks the title a little).
/// The width in em of the character whose UTF-8 encoding starts with byte `c`; 0 for a
/// continuation byte.
double char_em(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b & 0xC0) == 0x80 ? 0.0 : b >= 0xE0 ? 1.0 : 0.6;
}

double em_width(const std::string& t) {
  double w = 0;
  for (char c : t) w += char_em(c);
  return w;
}

/// `t` cut to at most `most` em, ending with "..." when cut (never inside a character).
std::string cut_to(const std::string& t, double most) {
  if (em_width(t) <= most) return t;
  double w = 0;
  std::size_t at = 0;
  for (; at < t.size(); ++at) {
    const double cw = char_em(t[at]);
    if (cw > 0 && w + cw + 3 * 0.6 > most) break;  // room for "..."
    w += cw;
  }
  return t.substr(0, at) + "...";
}

/// The title in one line when it fits `width` at 18 px, else in two: split after the series name
/// (": ") or at the space nearest the middle, whichever allows the larger font (the series name
/// first when both fit at 18 px); `size` is the font size that makes the longest line fit (18 at
/// most, 9 at least); a line still too long at 9 px is cut, ending with "...".
std::vector<std::string> title_lines(const std::string& title, double width, double& size) {
  const auto longest_of = [](const std::vector<std::string>& ls) {
    double l = 0;
    for (const std::string& x : ls) l = std::max(l, em_width(x));
    return l;
  };
  std::vector<std::string> lines{title};
  if (em_width(title) * 18 > width) {
    std::vector<std::vector<std::string>> options;
    if (const std::size_t colon = title.find(": "); colon != std::string::npos)
      options.push_back({title.substr(0, colon + 1), title.substr(colon + 2)});
    std::size_t best = std::string::npos;  // the space nearest the middle
    for (std::size_t i = 0; i < title.size(); ++i)
      if (title[i] == ' ' && (best == std::string::npos || std::abs(static_cast<double>(i) - title.size() / 2.0) <
                                                             std::abs(static_cast<double>(best) - title.size() / 2.0)))
        best = i;
    if (best != std::string::npos) options.push_back({title.substr(0, best), title.substr(best + 1)});
    // the larger font wins (18 px at most); at a tie the split after the series name
    const auto font = [&](const std::vector<std::string>& ls) { return std::min(18.0, width / std::max(longest_of(ls), 1.0)); };
    for (const auto& o : options)
      if (lines.size() == 1 || font(o) > font(lines) + 1e-9) lines = o;
  }
  size = std::clamp(width / std::max(longest_of(lines), 1.0), 9.0, 18.0);
  for (std::string& l : lines) l = cut_to(l, width / size + 1e-9);
  return lines;
}

/// The step between labelled periods: at most `most` labels over `n` periods, on calendar
/// boundaries: within a year 1, 2, 3 or 6 periods (those dividing the year), then 1, 2, 5, 10,
/// 20, 25, 50, ... years.
std::int64_t period_step(std::int64_t n, int per_year, int most) {
  std::vector<std::int64_t> steps;
  for (int d : {1, 2, 3, 6})  // parts of a year that fall on its halves or quarters (not 4 months)
    if (d < per_year && per_year % d == 0) steps.push_back(d);
  for (std::int64_t decade = 1; decade <= 10000; decade *= 10)
    for (std::int64_t tenths : {10, 20, 25, 50})  // 1, 2, 2.5 and 5 times the decade (2.5 from 25 years)
      if (tenths != 25 || decade >= 10) steps.push_back(tenths * decade / 10 * per_year);
  for (std::int64_t st : steps)
    if (n / st + 1 <= most) return st;
  return steps.back();
}

std::string tick_label(double v, double step) {
  char buf[48];
  // Very large or very fine scales: six significant digits ("5.25e+99", "1.5e-300").
  if (step >= 1e9 || step < 1e-6) {
    std::snprintf(buf, sizeof buf, "%.6g", std::abs(v) < step * 1e-9 ? 0.0 : v);
    return buf;
  }
  int decimals = 0;  // as many as the step needs: 2.5 -> 1, 0.25 -> 2, 5 -> 0
  while (decimals < 6) {
    const double scaled = step * std::pow(10.0, decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-9 * scaled) break;
    ++decimals;
  }
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v) < step * 1e-9 ? 0.0 : v);
  return buf;
}

}  // namespace
}  // namespace tradecast::chart::detail

namespace tradecast::chart {

std::string fan_chart_svg(const series& history, const forecast::forecast_result& fc,
                          const fan_chart_options& opt) {
  using detail::num;
  if (history.empty()) throw invalid_argument("fan chart: the history series is empty");
  if (fc.first.freq() != history.freq())
    throw invalid_argument("fan chart: forecast frequency differs from the history's");
  const std::size_t h = fc.values.mean.size();
  std::size_t start = 0;
  if (opt.history > 0 && history.size() > opt.history) start = history.size() - opt.history;
  const period p0 = history.period_at(start);
  if (fc.first <= history.end()) throw invalid_argument("fan chart: the forecast must start after the history");
  const double x_last = static_cast<double>((fc.first - p0) + static_cast<std::int64_t>(h) - 1);

  // Value range over what is drawn: the history and the forecast mean, and the bands as far as
  // five times that range beyond it (bounds that explode, e.g. near a Box-Cox pole, would squash
  // the rest into a line; such bands are cut at the plot's edge, and a note says so).
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = start; i < history.size(); ++i)
    if (!history.is_missing(i)) lo = std::min(lo, history[i]), hi = std::max(hi, history[i]);
  for (double v : fc.values.mean)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  double core_span = std::isfinite(hi - lo) ? std::max(hi - lo, 0.05 * std::max(std::abs(lo), std::abs(hi))) : INFINITY;
  if (!(core_span > 0)) core_span = INFINITY;  // all zero: nothing to measure the bands against
  const double band_floor = std::isfinite(lo) ? lo - 5 * core_span : -INFINITY;
  const double band_ceiling = std::isfinite(hi) ? hi + 5 * core_span : INFINITY;
  bool cut = false;
  for (const auto& band : fc.values.intervals)
    for (std::size_t i = 0; i < band.lower.size(); ++i) {
      if (std::isfinite(band.lower[i])) lo = std::min(lo, std::max(band.lower[i], band_floor));
      if (std::isfinite(band.upper[i])) hi = std::max(hi, std::min(band.upper[i], band_ceiling));
      cut = cut || (std::isfinite(band.lower[i]) && band.lower[i] < band_floor) ||
            (std::isfinite(band.upper[i]) && band.upper[i] > band_ceiling);
    }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  // A range that overflows (bounds near ±1.8e308) is drawn to a quarter of the largest double.
  constexpr double limit = std::numeric_limits<double>::max() / 4;
  lo = std::max(lo, -limit), hi = std::min(hi, limit);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    // A flat line (a constant series and zero-width bands): 5% of its level on either side, at
    // least 1; an absolute ±1 would vanish in the rounding of large values.
    const double pad = std::max(1.0, 0.05 * std::abs(hi));
    lo -= pad, hi += pad;
  }
  const double step = detail::nice_step(hi - lo, 6);
  const double y0 = std::floor(lo / step) * step, y1 = std::ceil(hi / step) * step;
  // step >= range / 6, so at most 6 steps plus the two roundings outward
  const auto y_ticks = static_cast<int>(std::lround((y1 - y0) / step));

  const double W = opt.width, H = opt.height;
  const std::string unit = history.meta().unit.label();
  const std::string title = opt.title.empty()
                                ? (history.meta().name.empty() ? history.id() : history.meta().name) + ": " +
                                      fc.model.method + " forecast"
                                : opt.title;
  double title_size = 18;
  const std::vector<std::string> title_text = detail::title_lines(title, W - 40, title_size);
  // Title line(s), then the legend in a row (two if it does not fit), then the plot: the legend
  // never covers the data.
  const double title_bottom = 28 + (static_cast<double>(title_text.size()) - 1) * (title_size + 4);
  const double left = 80, right = 30, bottom = 70;
  const double pw = W - left - right;
  struct legend_item {
    std::string kind, text;  // kind: "history", "mean" or a fill colour
  };
  static constexpr const char* fills[] = {"#c6dbef", "#9ecae1", "#6baed6", "#4292c6"};
  std::vector<const forecast::prediction_interval*> bands;  // widest first: narrower ones on top
  for (const auto& b : fc.values.intervals) bands.push_back(&b);
  std::sort(bands.begin(), bands.end(), [](auto* a, auto* b) { return a->level > b->level; });
  std::vector<legend_item> legend{{"history", "history"}, {"mean", "forecast mean"}};
  for (std::size_t k = 0; k < bands.size(); ++k)
    legend.push_back({fills[std::min<std::size_t>(k, 3)], detail::tick_label(bands[k]->level, 1) + "% prediction interval"});
  std::vector<std::pair<double, double>> legend_at;  // x, row of each item
  {
    double x = 0, row = 0;
    for (const legend_item& it : legend) {
      const double w = 30 + 12 * detail::em_width(it.text) + 18;  // swatch, 12 px text, gap
      if (x > 0 && x + w > pw) x = 0, row += 1;
      legend_at.emplace_back(left + x, row);
      x += w;
    }
  }
  const double legend_y = title_bottom + 24;
  const double top = legend_y + 18 * legend_at.back().second + 16;
  const double ph = H - top - bottom;
  auto X = [&](double x) { return left + (x_last > 0 ? x / x_last : 0.5) * pw; };
  auto Y = [&](double v) { return top + (y1 - std::clamp(v, y0, y1)) / (y1 - y0) * ph; };

  std::string s;
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(W) + "\" height=\"" + num(H) +
       "\" viewBox=\"0 0 " + num(W) + " " + num(H) + "\" font-family=\"Helvetica, Arial, sans-serif\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  for (std::size_t k = 0; k < title_text.size(); ++k)
    s += "<text x=\"" + num(W / 2) + "\" y=\"" + num(28 + static_cast<double>(k) * (title_size + 4)) +
         "\" text-anchor=\"middle\" font-size=\"" + num(title_size) + "\" font-weight=\"bold\">" +
         detail::xml_escape(title_text[k]) + "</text>\n";

  // Grid and y axis.
  for (int k = 0; k <= y_ticks; ++k) {
    const double v = y0 + k * step;
    s += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + pw) + "\" y1=\"" + num(Y(v)) + "\" y2=\"" + num(Y(v)) +
         "\" stroke=\"#e0e0e0\"/>\n";
    s += "<text x=\"" + num(left - 8) + "\" y=\"" + num(Y(v) + 4) + "\" text-anchor=\"end\" font-size=\"12\">" +
         detail::tick_label(v, step) + "</text>\n";
  }
  s += "<text transform=\"translate(20," + num(top + ph / 2) + ") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">" +
       detail::xml_escape(unit.empty() ? std::string("value") : unit) + "</text>\n";

  // x axis: at most 10 labelled periods, on calendar boundaries (years divisible by the step; a
  // step of whole years on sub-annual data labels the years' first periods by the year).
  const auto n_periods = static_cast<std::int64_t>(x_last) + 1;
  const int per_year = periods_per_year(history.freq());
  const std::int64_t every = detail::period_step(n_periods, per_year, 10);
  const std::int64_t first_tick = (every - p0.ordinal() % every) % every;
  for (std::int64_t k = first_tick; k < n_periods; k += every) {
    const double x = X(static_cast<double>(k));
    const period at = p0 + k;
    s += "<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(top + ph) + "\" y2=\"" + num(top + ph + 5) +
         "\" stroke=\"#333\"/>\n";
    s += "<text x=\"" + num(x) + "\" y=\"" + num(top + ph + 20) + "\" text-anchor=\"middle\" font-size=\"12\">" +
         (every % per_year == 0 ? std::to_string(at.year()) : at.to_string()) + "</text>\n";
  }
  s += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + pw) + "\" y1=\"" + num(top + ph) + "\" y2=\"" +
       num(top + ph) + "\" stroke=\"#333\"/>\n";
  s += "<line x1=\"" + num(left) + "\" x2=\"" + num(left) + "\" y1=\"" + num(top) + "\" y2=\"" + num(top + ph) +
       "\" stroke=\"#333\"/>\n";
  s += "<text x=\"" + num(left + pw / 2) + "\" y=\"" + num(H - 28) + "\" text-anchor=\"middle\" font-size=\"13\">period (" +
       std::string(to_string(history.freq())) + ")</text>\n";

  // Bands, widest first so narrower ones are drawn on top; they start at the last observation.
  const double x_f0 = static_cast<double>(fc.first - p0);
  const bool anchor = !history.is_missing(history.size() - 1) && fc.first == history.end().next();
  const double last_value = history[history.size() - 1];
  int shade = 0;
  for (const auto* b : bands) {
    std::string pts;
    if (anchor) pts += num(X(x_f0 - 1)) + "," + num(Y(last_value)) + " ";
    for (std::size_t i = 0; i < b->upper.size(); ++i) {
      // An unbounded upper bound (+inf: a Box-Cox quantile beyond the inverse's domain) reaches
      // the top of the plot.
      const double u = b->upper[i] == INFINITY ? y1 : b->upper[i];
      if (std::isfinite(u)) pts += num(X(x_f0 + static_cast<double>(i))) + "," + num(Y(u)) + " ";
    }
    for (std::size_t i = b->lower.size(); i-- > 0;)
      if (std::isfinite(b->lower[i])) pts += num(X(x_f0 + static_cast<double>(i))) + "," + num(Y(b->lower[i])) + " ";
    s += "<polygon points=\"" + pts + "\" fill=\"" + fills[std::min(shade++, 3)] + "\" stroke=\"none\"><title>" +
         detail::tick_label(b->level, 1) + "% interval</title></polygon>\n";
  }

  // History: one polyline per run of present values (gaps stay gaps).
  std::string run;
  auto flush = [&] {
    if (!run.empty()) s += "<polyline points=\"" + run + "\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\"/>\n";
    run.clear();
  };
  for (std::size_t i = start; i < history.size(); ++i) {
    if (history.is_missing(i)) {
      flush();
      continue;
    }
    run += num(X(static_cast<double>(i - start))) + "," + num(Y(history[i])) + " ";
  }
  flush();
  for (std::size_t i = start; i < history.size(); ++i)
    if (!history.is_missing(i))
      s += "<circle cx=\"" + num(X(static_cast<double>(i - start))) + "\" cy=\"" + num(Y(history[i])) +
           "\" r=\"2.5\" fill=\"#222\"/>\n";

  // Forecast mean.
  std::string mean_pts;
  if (anchor) mean_pts += num(X(x_f0 - 1)) + "," + num(Y(last_value)) + " ";
  for (std::size_t i = 0; i < h; ++i)
    if (std::isfinite(fc.values.mean[i]))
      mean_pts += num(X(x_f0 + static_cast<double>(i))) + "," + num(Y(fc.values.mean[i])) + " ";
  s += "<polyline points=\"" + mean_pts + "\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2.5\" stroke-dasharray=\"6,4\"/>\n";

  // Legend, above the plot.
  for (std::size_t k = 0; k < legend.size(); ++k) {
    const double lx = legend_at[k].first, ly = legend_y + 18 * legend_at[k].second;
    const legend_item& it = legend[k];
    if (it.kind == "history")
      s += "<line x1=\"" + num(lx) + "\" x2=\"" + num(lx + 24) + "\" y1=\"" + num(ly) + "\" y2=\"" + num(ly) +
           "\" stroke=\"#222\" stroke-width=\"2\"/>";
    else if (it.kind == "mean")
      s += "<line x1=\"" + num(lx) + "\" x2=\"" + num(lx + 24) + "\" y1=\"" + num(ly) + "\" y2=\"" + num(ly) +
           "\" stroke=\"#08519c\" stroke-width=\"2.5\" stroke-dasharray=\"6,4\"/>";
    else
      s += "<rect x=\"" + num(lx) + "\" y=\"" + num(ly - 6) + "\" width=\"24\" height=\"12\" fill=\"" + it.kind + "\"/>";
    s += "<text x=\"" + num(lx + 30) + "\" y=\"" + num(ly + 4) + "\" font-size=\"12\">" + detail::xml_escape(it.text) +
         "</text>\n";
  }
  if (cut)
    s += "<text x=\"" + num(left + pw) + "\" y=\"" + num(H - 8) + "\" text-anchor=\"end\" font-size=\"11\" "
         "fill=\"#555\">intervals beyond five times the data's range are cut at the edge</text>\n";
  s += "</svg>\n";
  return s;
}

}  // namespace tradecast::chart
