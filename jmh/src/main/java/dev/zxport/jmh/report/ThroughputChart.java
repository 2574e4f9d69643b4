package dev.zxport.jmh.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the throughput chart: one group of bars per shape, one bar per contender at its median,
 * with every measured iteration drawn as a dot over the bar so the spread stays visible.
 * Rendered headless with JFreeChart.
 */
final class ThroughputChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 620;
    /** Colours in the order of {@link Contenders#ORDER}. */
    private static final Color[] PALETTE = {
        new Color(0xD62728), new Color(0xFF9896), new Color(0x1F77B4), new Color(0x6BAED6),
        new Color(0x9ECAE1), new Color(0x2CA02C), new Color(0x98DF8A), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xC49C94),
    };

    /** Measured iterations (million operations per second) of one contender in one shape. */
    record Bar(String series, String shape, double[] iterations) {
    }

    private ThroughputChart() {
    }

    static void write(Path file, String title, String subtitle, List<Bar> bars) throws IOException {
        DefaultCategoryDataset medians = new DefaultCategoryDataset();
        DefaultMultiValueCategoryDataset points = new DefaultMultiValueCategoryDataset();
        Map<String, Integer> seriesColors = new LinkedHashMap<>();
        for (Bar bar : bars) {
            seriesColors.putIfAbsent(bar.series(), seriesColors.size());
        }
        // Every series needs a value in every shape for the dots to line up with the bars.
        List<String> shapes = bars.stream().map(Bar::shape).distinct().toList();
        for (String series : seriesColors.keySet()) {
            for (String shape : shapes) {
                Bar bar = bars.stream().filter(b -> b.series().equals(series) && b.shape().equals(shape))
                        .findFirst().orElse(null);
                double[] values = bar == null ? new double[0] : bar.iterations();
                medians.addValue(values.length == 0 ? null : Summary.of(values).median(), series, shape);
                List<Double> list = new ArrayList<>(Arrays.stream(values).boxed().toList());
                points.add(list, series, shape);
            }
        }

        CategoryPlot plot = new CategoryPlot();
        plot.setOrientation(PlotOrientation.VERTICAL);
        CategoryAxis shapeAxis = new CategoryAxis();
        shapeAxis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        shapeAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        plot.setDomainAxis(shapeAxis);
        NumberAxis valueAxis = new NumberAxis("million payloads per second (median bar, dot per iteration)");
        plot.setRangeAxis(valueAxis);

        BarRenderer barRenderer = new BarRenderer();
        barRenderer.setBarPainter(new StandardBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setItemMargin(0.04);
        barRenderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.0")));
        barRenderer.setDefaultItemLabelsVisible(true);
        barRenderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));

        ScatterRenderer dotRenderer = new ScatterRenderer();
        dotRenderer.setUseSeriesOffset(true);
        dotRenderer.setItemMargin(0.04);
        dotRenderer.setUseOutlinePaint(true);
        dotRenderer.setDefaultOutlinePaint(Color.BLACK);
        for (Map.Entry<String, Integer> entry : seriesColors.entrySet()) {
            int index = entry.getValue();
            // Each contender keeps its colour in every shape, and the C ring is grey.
            int rank = Contenders.rankOfShortLabel(entry.getKey());
            Color color = rank < 0 ? Color.GRAY : PALETTE[rank % PALETTE.length];
            barRenderer.setSeriesPaint(index, color);
            dotRenderer.setSeriesPaint(index, Color.DARK_GRAY);
            dotRenderer.setSeriesShape(index, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
            dotRenderer.setSeriesVisibleInLegend(index, false);
        }

        plot.setDataset(0, medians);
        plot.setRenderer(0, barRenderer);
        plot.setDataset(1, points);
        plot.setRenderer(1, dotRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
