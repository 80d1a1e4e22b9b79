package dev.sparkdropout.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Executes Java notebooks headless, as a JShell-based Jupyter kernel would: each notebook in a
 * fresh JShell whose VM has the project's classpath, cell by cell, snippet by snippet. The
 * executed copy keeps every cell's printed output, values, {@link Show} charts as
 * {@code image/png}, and errors. Exits 1 if any cell of any notebook failed.
 *
 * <p>Usage: {@code NotebookRunner NOTEBOOK_DIR OUTPUT_DIR CLASSPATH [VM_OPTION...]}.
 */
public final class NotebookRunner {

  private final ObjectMapper json = new ObjectMapper();
  private final String classpath;
  private final String[] vmOptions;

  private NotebookRunner(String classpath, String[] vmOptions) {
    this.classpath = classpath;
    this.vmOptions = vmOptions;
  }

  public static void main(String[] args) throws IOException {
    File notebooks = new File(args[0]);
    File output = new File(args[1]);
    NotebookRunner runner = new NotebookRunner(args[2], Arrays.copyOfRange(args, 3, args.length));
    File[] files = notebooks.listFiles((dir, name) -> name.endsWith(".ipynb"));
    if (files == null || files.length == 0) {
      System.err.println("run-notebooks: no notebooks in " + notebooks);
      System.exit(1);
    }
    Arrays.sort(files);
    output.mkdirs();
    int failed = 0;
    for (File notebook : files) {
      long start = System.nanoTime();
      String error = runner.execute(notebook, new File(output, notebook.getName()));
      System.out.printf(Locale.ROOT, "%-28s %s (%.0f s)%n", notebook.getName(),
          error == null ? "ok" : "FAILED: " + error, (System.nanoTime() - start) / 1e9);
      failed += error == null ? 0 : 1;
    }
    System.exit(failed == 0 ? 0 : 1);
  }

  /** Runs one notebook and writes its executed copy; returns the first error, or null. */
  String execute(File notebook, File executed) throws IOException {
    ObjectNode root = (ObjectNode) json.readTree(notebook);
    SwitchableStream out = new SwitchableStream();
    String firstError = null;
    try (JShell shell = JShell.builder().out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(out, true, StandardCharsets.UTF_8))
        .remoteVMOptions(vmOptions).build()) {
      shell.addToClasspath(classpath);
      int count = 0;
      for (JsonNode cell : root.get("cells")) {
        if (!"code".equals(cell.get("cell_type").asText())) {
          continue;
        }
        ObjectNode code = (ObjectNode) cell;
        ArrayNode outputs = json.createArrayNode();
        code.set("outputs", outputs);
        if (firstError != null) {
          code.putNull("execution_count");
          continue; // as Jupyter does after an error: later cells are left unexecuted
        }
        code.put("execution_count", ++count);
        out.reset();
        String error = runCell(shell, source(code), outputs, count);
        flush(out.take(), outputs, error == null ? -1 : outputs.size());
        if (error != null) {
          firstError = "cell " + count + ": " + error;
        }
      }
    }
    json.writerWithDefaultPrettyPrinter().writeValue(executed, root);
    return firstError;
  }

  private static String source(JsonNode cell) {
    JsonNode source = cell.get("source");
    if (source.isArray()) {
      StringBuilder text = new StringBuilder();
      source.forEach(line -> text.append(line.asText()));
      return text.toString();
    }
    return source.asText();
  }

  /** Evaluates a cell's snippets in order; returns the error that stopped it, or null. */
  private String runCell(JShell shell, String source, ArrayNode outputs, int count) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = source;
    String lastValue = null;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        return "incomplete Java: " + remaining.strip().lines().findFirst().orElse("");
      }
      remaining = info.remaining();
      lastValue = null;
      for (SnippetEvent event : shell.eval(info.source())) {
        if (event.status() == Snippet.Status.REJECTED) {
          String diagnostics = shell.diagnostics(event.snippet())
              .map(d -> d.getMessage(Locale.ROOT).replaceAll("\\s+", " "))
              .collect(Collectors.joining("; "));
          addError(outputs, "CompilationError", diagnostics, info.source());
          return "does not compile: " + diagnostics;
        }
        if (event.exception() != null) {
          Exception e = event.exception();
          String name = e instanceof EvalException ? ((EvalException) e).getExceptionClassName()
              : e.getClass().getName();
          addError(outputs, name, String.valueOf(e.getMessage()), info.source());
          return name + ": " + e.getMessage();
        }
        // A cell's last expression is its result; JShell keeps a non-void one in a $ variable.
        Snippet.SubKind kind = event.snippet().subKind();
        if (event.value() != null && (kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
            || kind == Snippet.SubKind.VAR_VALUE_SUBKIND)) {
          lastValue = event.value();
        }
      }
    }
    if (lastValue != null) {
      ObjectNode result = outputs.addObject();
      result.put("output_type", "execute_result");
      result.put("execution_count", count);
      result.putObject("data").put("text/plain", lastValue);
      result.putObject("metadata");
    }
    return null;
  }

  private void addError(ArrayNode outputs, String name, String message, String snippet) {
    ObjectNode error = outputs.addObject();
    error.put("output_type", "error");
    error.put("ename", name);
    error.put("evalue", message);
    error.putArray("traceback").add(name + ": " + message).add("in: " + snippet.strip());
  }

  /**
   * Turns what the cell printed into outputs: text as a stdout stream, marked lines as images.
   * Outputs go before the error (at {@code errorIndex}) when the cell failed.
   */
  private void flush(String printed, ArrayNode outputs, int errorIndex) {
    List<ObjectNode> produced = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String line : printed.split("\n", -1)) {
      if (line.startsWith(Show.PNG_MARKER)) {
        produced.add(stream(text));
        ObjectNode image = json.createObjectNode();
        image.put("output_type", "display_data");
        image.putObject("data").put("image/png", line.substring(Show.PNG_MARKER.length()).strip());
        image.putObject("metadata");
        produced.add(image);
        text.setLength(0);
      } else {
        text.append(line).append('\n');
      }
    }
    produced.add(stream(text));
    int at = errorIndex < 0 ? outputs.size() : errorIndex;
    for (ObjectNode node : produced) {
      if (node != null) {
        outputs.insert(at++, node);
      }
    }
  }

  private ObjectNode stream(StringBuilder text) {
    String value = text.toString().replaceAll("\n+$", "\n");
    if (value.isBlank()) {
      return null;
    }
    ObjectNode stream = json.createObjectNode();
    stream.put("output_type", "stream");
    stream.put("name", "stdout");
    ArrayNode lines = stream.putArray("text");
    value.lines().forEach(line -> lines.add(line + "\n"));
    return stream;
  }

  /** The remote VM's output, collected per cell. */
  private static final class SwitchableStream extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    synchronized void reset() {
      buffer.reset();
    }

    synchronized String take() {
      String text = buffer.toString(StandardCharsets.UTF_8);
      buffer.reset();
      return text;
    }
  }
}
