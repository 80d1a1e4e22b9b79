package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The notebooks are part of the product: {@code bin/run-notebooks} executes every one headless,
 * and each executed copy has every code cell run without an error and at least one picture.
 */
class NotebooksTest {

  @Test
  void everyNotebookRunsWithoutAnErrorAndShowsAPicture() throws Exception {
    Progress.step("executing every notebook with bin/run-notebooks");
    Launch.Result run = Launch.run(List.of("bin/run-notebooks"), Map.of(),
        Progress.linesContaining(".ipynb"));
    assertThat(run.exitCode).as("%s%s", run.out, run.err).isZero();
    File[] notebooks = new File(Launch.ROOT, "notebooks").listFiles((d, n) -> n.endsWith(".ipynb"));
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(3);
    ObjectMapper json = new ObjectMapper();
    for (File notebook : notebooks) {
      File executed = new File(Launch.ROOT, "target/notebooks/" + notebook.getName());
      assertThat(executed).as("executed copy of %s", notebook.getName()).exists();
      JsonNode root = json.readTree(executed);
      assertThat(root.at("/metadata/kernelspec/language").asText()).isEqualTo("java");
      int images = 0;
      for (JsonNode cell : root.get("cells")) {
        if (!cell.get("cell_type").asText().equals("code")) {
          continue;
        }
        assertThat(cell.get("execution_count").isNumber()).as("%s: every cell ran",
            notebook.getName()).isTrue();
        for (JsonNode output : cell.get("outputs")) {
          assertThat(output.get("output_type").asText()).as("%s: %s", notebook.getName(), output)
              .isNotEqualTo("error");
          images += output.at("/data/image~1png").isTextual() ? 1 : 0;
        }
      }
      assertThat(images).as("pictures in %s", notebook.getName()).isPositive();
    }
  }
}
