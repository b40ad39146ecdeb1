package io.changegate.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as inline SVG (no script, no library): the geometry only — the template writes the
 * elements, so every text is escaped by Thymeleaf — with a title and a description for screen readers and the same
 * figures as a table beside each chart.
 */
final class SvgCharts {

  static final int WIDTH = 560;
  static final int HEIGHT = 200;
  static final int LEFT = 56;
  static final int RIGHT = 40;
  static final int TOP = 16;
  static final int BOTTOM = 36;

  private SvgCharts() {}

  /** One point of a line chart: where it is drawn, its bucket and value as text. */
  record Point(double x, double y, String label, String value) {}

  /** A gridline with its value. */
  record Tick(double y, String label) {}

  /** A line chart of one key over the trend's buckets; {@code points} without the buckets that have no value. */
  record LineChart(String id, String title, String description, String unit, String polyline, List<Point> points,
      List<Tick> ticks, List<Point> axis, boolean empty) {}

  /** One bar of the value stream: wait and work stacked, in pixels and as text. */
  record Bar(String label, double y, double waitWidth, double workWidth, String waitHours, String workHours, String total) {}

  /** Horizontal stacked bars, one per stage. */
  record BarChart(String id, String title, String description, int height, double scaleMax, List<Bar> bars,
      List<Tick> ticks) {}

  static LineChart line(String id, String title, String unit, List<String> buckets, List<Double> values) {
    double max = 0;
    for (Double v : values) {
      if (v != null && v > max) {
        max = v;
      }
    }
    double top = niceCeiling(max);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    int n = buckets.size();
    List<Point> points = new ArrayList<>();
    List<Point> axis = new ArrayList<>();
    StringBuilder polyline = new StringBuilder();
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int i = 0; i < n; i++) {
      double x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
      if (i % every == 0) {
        axis.add(new Point(round(x), HEIGHT - BOTTOM + 16, buckets.get(i), null));
      }
      Double v = values.get(i);
      if (v == null) {
        continue;
      }
      double y = TOP + plotHeight - (top == 0 ? 0 : plotHeight * v / top);
      points.add(new Point(round(x), round(y), buckets.get(i), number(v)));
      polyline.append(polyline.isEmpty() ? "" : " ").append(round(x)).append(',').append(round(y));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      ticks.add(new Tick(round(TOP + plotHeight - plotHeight * i / 4), number(top * i / 4)));
    }
    String description = points.isEmpty() ? "No data in the period."
        : title + " per " + (buckets.isEmpty() ? "bucket" : "period") + ": " + String.join("; ",
            points.stream().map(p -> p.label() + " " + p.value()).toList()) + " (" + unit + ").";
    return new LineChart(id, title, description, unit, polyline.toString(), points, ticks, axis, points.isEmpty());
  }

  /** Stages with their median wait and work per change, in hours. */
  static BarChart bars(String id, String title, List<String> labels, List<Double> waits, List<Double> works) {
    double max = 0;
    for (int i = 0; i < labels.size(); i++) {
      max = Math.max(max, value(waits.get(i)) + value(works.get(i)));
    }
    double top = niceCeiling(max);
    int left = 190;
    double plotWidth = WIDTH + 120 - left - RIGHT;
    List<Bar> bars = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      double wait = value(waits.get(i));
      double work = value(works.get(i));
      double y = TOP + i * 24;
      bars.add(new Bar(labels.get(i), y, round(top == 0 ? 0 : plotWidth * wait / top),
          round(top == 0 ? 0 : plotWidth * work / top), number(wait), number(work), number(wait + work)));
      text.append(i == 0 ? "" : "; ").append(labels.get(i)).append(": wait ").append(number(wait))
          .append(" h, work ").append(number(work)).append(" h");
    }
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      ticks.add(new Tick(round(left + plotWidth * i / 4), number(top * i / 4)));
    }
    return new BarChart(id, title, labels.isEmpty() ? "No steps ended in the period." : text + ".",
        TOP + labels.size() * 24 + BOTTOM, top, bars, ticks);
  }

  private static double value(Double v) {
    return v == null ? 0 : v;
  }

  /** 1, 2 or 5 times a power of ten at or above the value (0 stays 0, drawn as an empty chart). */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e9) {
      return String.valueOf((long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
