package dev.sparkdropout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Puts the rounds of {@code bin/bench --lines} side by side in {@code LINES.md}: per case, each
 * round's ratio to the identity select on Spark 3.5 and on Spark 4, so a difference between the
 * lines can be told from the spread between rounds of one line; and how many times faster than
 * SQL {@code transform} + {@code rand} our {@code dropout} is on each.
 *
 * <p>Usage: {@code LinesReport DIR}, DIR holding {@code <round>-spark-<line>.json} files.
 */
public final class LinesReport {

  private static final String[] LINES = {"3.5", "4"};

  private LinesReport() {}

  public static void main(String[] args) throws IOException {
    File dir = new File(args[0]);
    ObjectMapper json = new ObjectMapper();
    List<List<JsonNode>> byLine = new ArrayList<>();
    for (String line : LINES) {
      File[] files = dir.listFiles((d, name) -> name.endsWith("-spark-" + line + ".json"));
      Arrays.sort(files);
      List<JsonNode> rounds = new ArrayList<>();
      for (File file : files) {
        rounds.add(json.readTree(file));
      }
      byLine.add(rounds);
    }
    JsonNode first = byLine.get(0).get(0);
    StringBuilder md = new StringBuilder("# The kernel on Spark 3.5 and on Spark 4\n\n");
    md.append(String.format(Locale.ROOT, "local[2], %d rows x 256 floats, cached, written to the "
        + "noop sink; Spark %s and Spark %s run in turn, one default JVM each (the core in plain "
        + "Java), %d rounds. A ratio is the "
        + "median over one JVM's runs of the case's time over the identity select's in the same "
        + "round.%n%n", first.get("rows").asInt(), first.get("spark").asText(),
        byLine.get(1).get(0).get("spark").asText(), byLine.get(0).size()));
    md.append("| case | Spark 3.5: x identity, per round | Spark 4: x identity, per round |\n");
    md.append("|---|---|---|\n");
    for (Iterator<String> cases = first.get("vs_identity").fieldNames(); cases.hasNext(); ) {
      String name = cases.next();
      md.append("| ").append(name);
      for (List<JsonNode> rounds : byLine) {
        md.append(" | ").append(String.join(", ", rounds.stream().map(round -> String.format(
            Locale.ROOT, "%.2f", round.get("vs_identity").get(name).asDouble())).toList()));
      }
      md.append(" |\n");
    }
    md.append("| SQL transform + rand over dropout, partition mode |");
    for (List<JsonNode> rounds : byLine) {
      md.append(' ').append(String.join(", ", rounds.stream().map(round -> {
        JsonNode ratios = round.get("vs_identity");
        return String.format(Locale.ROOT, "%.1fx", ratios.get("SQL transform + rand").asDouble()
            / ratios.get("dropout, partition mode").asDouble());
      }).toList())).append(" |");
    }
    md.append('\n');
    Files.writeString(new File(dir, "LINES.md").toPath(), md);
    System.out.print(md);
  }
}
