package dev.sparkdropout.core;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A Keras {@code noise_shape} for one row's tensor (docs/SPEC.md §5): one entry per axis, where
 * 1 shares one decision along the axis, {@link #INDEPENDENT} (-1, or NULL in SQL) draws one per
 * element, and a size {@code > 1} does the same but requires the row to have exactly that size.
 * The batch axis is never part of it: rows are always independent samples.
 */
public final class NoiseShape implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The entry for an axis with independent decisions (Keras {@code None}). */
  public static final int INDEPENDENT = -1;
  /** The entry for an axis that shares one decision (broadcast). */
  public static final int SHARED = 1;

  private final int[] entries;
  /**
   * The layout made last, with the sizes it was made for: the rows of a column mostly have one
   * size, and a broadcast layout made anew for each row cost more than the row's dropout.
   */
  private transient volatile SizedLayout last;

  private record SizedLayout(int[] dims, NoiseLayout layout) {}

  private NoiseShape(int[] entries) {
    this.entries = entries;
  }

  /**
   * A noise shape from its entries; {@code null} entries mean {@link #INDEPENDENT}.
   *
   * @throws IllegalArgumentException for an empty shape or an entry that is 0 or below -1
   */
  public static NoiseShape of(Integer... entries) {
    if (entries == null || entries.length == 0) {
      throw new IllegalArgumentException("noise_shape must have at least one entry");
    }
    int[] values = new int[entries.length];
    for (int axis = 0; axis < entries.length; axis++) {
      Integer entry = entries[axis];
      int value = entry == null ? INDEPENDENT : entry;
      if (value == 0 || value < INDEPENDENT) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "noise_shape entry %d (axis %d) must be 1, -1, NULL or a size above 1",
            value, axis + 1));
      }
      values[axis] = value;
    }
    return new NoiseShape(values);
  }

  /**
   * Spatial dropout's noise shape for rows of {@code rank} axes (docs/SPEC.md §8): one decision
   * per channel, shared over every other axis; the channel axis is the last, or the first when
   * {@code channelsFirst}.
   *
   * @throws IllegalArgumentException for a rank below 2, which has no axis to share
   */
  public static NoiseShape spatial(int rank, boolean channelsFirst) {
    if (rank < 2) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "spatial_dropout needs rows of rank 2 or more (one decision per channel), got rank %d;"
              + " use dropout for flat rows", rank));
    }
    int[] entries = new int[rank];
    Arrays.fill(entries, SHARED);
    entries[channelsFirst ? 0 : rank - 1] = INDEPENDENT;
    return new NoiseShape(entries);
  }

  /**
   * Parses {@code "1,-1"} or {@code "(1, None)"}: integers, {@code -1}, {@code null} or
   * {@code None}.
   */
  public static NoiseShape parse(String text) {
    String body = text == null ? "" : text.trim();
    if (body.startsWith("(") && body.endsWith(")") || body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    }
    if (body.isBlank()) {
      throw new IllegalArgumentException("noise_shape must have at least one entry, got '"
          + text + "'");
    }
    String[] parts = body.split(",", -1);
    Integer[] entries = new Integer[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      if (part.equalsIgnoreCase("null") || part.equalsIgnoreCase("none")) {
        entries[i] = null;
      } else {
        try {
          entries[i] = Integer.valueOf(part);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "noise_shape entry '%s' is not an integer, -1 or null", part));
        }
      }
    }
    return of(entries);
  }

  public int rank() {
    return entries.length;
  }

  /** The entry for {@code axis} (0-based): 1, -1 or a fixed size. */
  public int entry(int axis) {
    return entries[axis];
  }

  /**
   * The layout of a rectangular row with the given sizes.
   *
   * @throws NoiseShapeException if the rank differs or a fixed entry differs from the row's size
   */
  public NoiseLayout layout(int[] dims) {
    SizedLayout sized = last;
    if (sized != null && Arrays.equals(sized.dims(), dims)) {
      return sized.layout();
    }
    NoiseLayout layout = NoiseLayout.broadcast(dims, sharedAxes(dims));
    last = new SizedLayout(dims.clone(), layout);
    return layout;
  }

  /**
   * Which axes of a rectangular row with the given sizes share one decision.
   *
   * @throws NoiseShapeException if the rank differs or a fixed entry differs from the row's size
   */
  boolean[] sharedAxes(int[] dims) {
    if (dims.length != entries.length) {
      throw new NoiseShapeException(String.format(Locale.ROOT,
          "noise_shape %s has %d entries but the row has rank %d", this, entries.length,
          dims.length));
    }
    boolean[] shared = new boolean[dims.length];
    for (int axis = 0; axis < dims.length; axis++) {
      int entry = entries[axis];
      if (entry > SHARED && entry != dims[axis]) {
        throw new NoiseShapeException(String.format(Locale.ROOT,
            "noise_shape %s expects size %d on axis %d, but the row has size %d",
            this, entry, axis + 1, dims[axis]));
      }
      shared[axis] = entry == SHARED;
    }
    return shared;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoiseShape && Arrays.equals(entries, ((NoiseShape) other).entries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries);
  }

  /** Keras-style: {@code (1, -1)}. */
  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "(", ")");
    for (int entry : entries) {
      joiner.add(Integer.toString(entry));
    }
    return joiner.toString();
  }
}
