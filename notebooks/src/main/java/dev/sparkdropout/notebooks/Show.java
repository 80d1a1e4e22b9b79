package dev.sparkdropout.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Displays a chart from a notebook cell: prints it as a PNG on one marked line, which
 * {@link NotebookRunner} turns into the cell's {@code image/png} output (and a Java kernel shows
 * as text). Use it as the last line of a cell: {@code Show.chart(chart);}.
 */
public final class Show {

  /** The prefix of a line that carries a PNG image. */
  public static final String PNG_MARKER = "@@spark-dropout:image/png;base64,";

  private Show() {}

  public static void chart(Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      System.out.println(PNG_MARKER + Base64.getEncoder().encodeToString(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
