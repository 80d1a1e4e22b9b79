package dev.sparkdropout.core;

/**
 * How one row's elements map to noise indices (docs/SPEC.md §5): the number of keep decisions the
 * row needs and, for each element in row-major order, the index {@code j} of its decision.
 */
public final class NoiseLayout {

  private final int noiseSize;
  private final int[] index;

  private NoiseLayout(int noiseSize, int[] index) {
    this.noiseSize = noiseSize;
    this.index = index;
  }

  /** Every element has its own decision: {@code j} is the element's position. */
  public static NoiseLayout independent(int elements) {
    return new NoiseLayout(elements, null);
  }

  /**
   * Broadcasts decisions along the shared axes: the noise tensor has size 1 on a shared axis and
   * the row's size elsewhere, and each element takes the decision at its projected position.
   */
  static NoiseLayout broadcast(int[] dims, boolean[] shared) {
    boolean anyShared = false;
    int elements = 1;
    for (int axis = 0; axis < dims.length; axis++) {
      anyShared |= shared[axis] && dims[axis] != 1;
      elements = Math.multiplyExact(elements, dims[axis]);
    }
    if (!anyShared) {
      return independent(elements);
    }
    // Grow the index one axis at a time: position p of the axes so far, extended by t on this
    // axis, maps to noise index old[p] * m + (shared ? 0 : t), m being the noise size of the axis.
    int[] index = {0};
    int noiseSize = 1;
    for (int axis = 0; axis < dims.length; axis++) {
      int d = dims[axis];
      int m = shared[axis] ? 1 : d;
      int[] grown = new int[index.length * d];
      for (int p = 0; p < index.length; p++) {
        int base = index[p] * m;
        for (int t = 0; t < d; t++) {
          grown[p * d + t] = shared[axis] ? base : base + t;
        }
      }
      index = grown;
      noiseSize *= m;
    }
    return new NoiseLayout(noiseSize, index);
  }

  /** The number of keep decisions the row needs. */
  public int noiseSize() {
    return noiseSize;
  }

  /** The number of elements in the row. */
  public int elements() {
    return index == null ? noiseSize : index.length;
  }

  /**
   * The noise index of each element in row-major order, or {@code null} when it is the position.
   * Shared by the rows of one size (see {@link NoiseShape#layout}): read it, never change it.
   */
  public int[] index() {
    return index;
  }
}
