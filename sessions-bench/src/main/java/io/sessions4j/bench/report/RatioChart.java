package io.sessions4j.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The chart of {@code docs/benchmarks.png}: two panels of bars, sessions4j ÷ its floor and sessions4j ÷
 * Spring Session, one bar per thread count (the paired median where a target measured the pair), with the targets as horizontal lines. Drawn
 * headless with XChart.
 */
final class RatioChart {
    private static final int WIDTH = 1600;
    private static final int FLOOR_HEIGHT = 760;
    private static final int SPRING_HEIGHT = 620;
    private static final Color[] THREAD_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    private RatioChart() {
    }

    /**
     * A bar's ratio: the paired median where a target measured the pair, else the ratio of the two medians.
     */
    private static Optional<Double> ratio(JmhResults results, List<TargetResult> targets, String refFamily, String engine,
                                          String op, int threads) {
        Optional<Double> paired = targets.stream().filter(r -> r.target().engine().equals(engine) && r.target().operation().equals(op)
                && r.target().threads() == threads && r.target().refFamily().equals(refFamily)).findFirst()
                .map(r -> r.ratio().median());
        if (paired.isPresent()) {
            return paired;
        }
        return refFamily.equals("floor") ? Comparisons.floorRatio(results, engine, op, threads)
                : Comparisons.springRatio(results, engine, op, threads);
    }

    static void write(JmhResults results, List<TargetResult> targets, Path png) throws IOException {
        if (results.all().isEmpty()) {
            return;
        }
        BufferedImage image = new BufferedImage(WIDTH, FLOOR_HEIGHT + SPRING_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        paintIfAny(floorPanel(results, targets), g, FLOOR_HEIGHT);
        g.translate(0, FLOOR_HEIGHT);
        paintIfAny(springPanel(results, targets), g, SPRING_HEIGHT);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static CategoryChart floorPanel(JmhResults results, List<TargetResult> targets) {
        List<String> categories = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        for (String engine : Comparisons.FLOOR.keySet()) {
            for (String op : Comparisons.OPERATIONS) {
                if (measuredAtAllThreadCounts(results, t -> ratio(results, targets, "floor", engine, op, t))) {
                    categories.add(Comparisons.label("sessions4j", engine) + " " + op.toUpperCase(Locale.ROOT));
                    keys.add(new String[] {engine, op});
                }
            }
        }
        CategoryChart chart = chart("sessions4j ÷ its floor (CYCLE ÷ floor WRITE; paired median where a target names it)   - - targets: 0.85 (READ/WRITE), "
                + "0.6 (signed_cookies CYCLE, 1 thread), 0.5 (Ehcache READ)", FLOOR_HEIGHT);
        for (int threads : results.threadCounts()) {
            List<Double> values = new ArrayList<>();
            for (String[] key : keys) {
                values.add(log(ratio(results, targets, "floor", key[0], key[1], threads)));
            }
            addSeries(chart, threads, categories, values);
        }
        range(chart);
        chart.addAnnotation(new AnnotationLine(Math.log10(0.85), false, false));
        chart.addAnnotation(new AnnotationLine(Math.log10(0.6), false, false));
        chart.addAnnotation(new AnnotationLine(Math.log10(0.5), false, false));
        return chart;
    }

    private static CategoryChart springPanel(JmhResults results, List<TargetResult> targets) {
        List<String> categories = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        for (String engine : Comparisons.SPRING.keySet()) {
            for (String op : List.of("read", "write", "create")) {
                if (!measuredAtAllThreadCounts(results, t -> ratio(results, targets, "spring", engine, op, t))) {
                    continue;
                }
                String mark = Comparisons.SPRING_BY_DATABASE.contains(engine) ? " *" : "";
                categories.add(Comparisons.label("sessions4j", engine) + mark + " " + op.toUpperCase(Locale.ROOT));
                keys.add(new String[] {engine, op});
            }
        }
        CategoryChart chart = chart("sessions4j ÷ Spring Session, same backend (* = vs Spring JDBC on the same database)"
                + "   - - targets: 2 (READ), 1.5 (WRITE)", SPRING_HEIGHT);
        for (int threads : results.threadCounts()) {
            List<Double> values = new ArrayList<>();
            for (String[] key : keys) {
                values.add(log(ratio(results, targets, "spring", key[0], key[1], threads)));
            }
            addSeries(chart, threads, categories, values);
        }
        range(chart);
        chart.addAnnotation(new AnnotationLine(Math.log10(2.0), false, false));
        chart.addAnnotation(new AnnotationLine(Math.log10(1.5), false, false));
        return chart;
    }

    private static CategoryChart chart(String title, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height).title(title)
                .yAxisTitle("ratio, log scale (up = sessions4j faster)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setXAxisLabelRotation(40);
        styler.setyAxisTickLabelsFormattingFunction(v -> {
            double r = Math.pow(10, v);
            return r >= 10 ? String.format(Locale.ROOT, "%.0f×", r) : r >= 1 ? String.format(Locale.ROOT, "%.1f×", r)
                    : String.format(Locale.ROOT, "%.2f×", r);
        });
        styler.setAvailableSpaceFill(0.8);
        styler.setOverlapped(false);
        styler.setAnnotationLineColor(new Color(0xd62728));
        styler.setAnnotationLineStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        return chart;
    }

    /** A partial run (BENCH_SYSTEMS) may leave a panel without data: it stays blank. */
    private static void paintIfAny(CategoryChart chart, Graphics2D g, int height) {
        if (!chart.getSeriesMap().isEmpty()) {
            chart.paint(g, WIDTH, height);
        }
    }

    private static void addSeries(CategoryChart chart, int threads, List<String> categories, List<Double> values) {
        if (categories.isEmpty()) {
            return; // nothing to compare in this panel (a partial run)
        }
        Color color = THREAD_COLORS[Math.min(THREAD_COLORS.length - 1, chart.getSeriesMap().size())];
        chart.addSeries(threads == 1 ? "1 thread" : threads + " threads", categories, values).setFillColor(color);
    }

    /** Whole powers of ten around the data, so that 1 (parity) is always on the axis. */
    private static void range(CategoryChart chart) {
        double min = chart.getSeriesMap().values().stream().flatMap(series -> series.getYData().stream())
                .mapToDouble(Number::doubleValue).min().orElse(0);
        double max = chart.getSeriesMap().values().stream().flatMap(series -> series.getYData().stream())
                .mapToDouble(Number::doubleValue).max().orElse(0);
        chart.getStyler().setYAxisMin(Math.min(-0.5, Math.floor(min * 2) / 2));
        chart.getStyler().setYAxisMax(Math.max(0.5, Math.ceil(max * 2) / 2));
    }

    /**
     * Bars are drawn on a log scale by hand (XChart's logarithmic axis rejects bar charts): a bar is
     * log10 of the ratio, so slower than the reference points down, faster points up, and the axis
     * labels give the ratio back.
     */
    private static Double log(Optional<Double> ratio) {
        return Math.log10(ratio.orElseThrow());
    }

    /** Only ratios measured at every thread count get bars (XChart needs a value in every series). */
    private static boolean measuredAtAllThreadCounts(JmhResults results, IntFunction<Optional<Double>> ratio) {
        return results.threadCounts().stream().allMatch(t -> ratio.apply(t).isPresent());
    }
}
