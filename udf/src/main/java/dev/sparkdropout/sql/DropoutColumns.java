package dev.sparkdropout.sql;

import dev.sparkdropout.spark.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Column API: the same calls as the SQL functions, built as the very same expressions (each
 * method calls the registered function by name). The functions are registered in the active
 * session when it lacks them.
 *
 * <pre>{@code
 * df.withColumn("features", DropoutColumns.dropout(col("features"), 0.3));
 * df.withColumn("features", DropoutColumns.alphaDropout(col("features"), 0.1, 42L, col("id")));
 * df.withColumn("seq", DropoutColumns.dropout(col("seq")).rate(0.2).seed(7)
 *     .key(col("user_id"), col("event_time")).noiseShape(1, -1).build());
 * }</pre>
 *
 * <p>A key must identify the row: rows with equal keys, NULL keys included, get equal masks. Where
 * no one column does, give several to {@link Builder#key(Column...)}; they are hashed together.
 */
public final class DropoutColumns {

  private DropoutColumns() {}

  /** {@code dropout(x, rate)}: partition mode, a seed drawn now (EXPLAIN shows it). */
  public static Column dropout(Column x, double rate) {
    return dropout(x).rate(rate).build();
  }

  /** {@code dropout(x, rate, seed)}: partition mode. */
  public static Column dropout(Column x, double rate, long seed) {
    return dropout(x).rate(rate).seed(seed).build();
  }

  /**
   * {@code dropout(x, rate, seed, key)}: key mode. Rows with equal keys get equal masks; for a
   * key of several columns use {@code dropout(x).key(k1, k2)} or {@code functions.struct(k1, k2)}.
   */
  public static Column dropout(Column x, double rate, long seed, Column key) {
    return dropout(x).rate(rate).seed(seed).key(key).build();
  }

  /** {@code alpha_dropout(x, rate)}: partition mode, a seed drawn now (EXPLAIN shows it). */
  public static Column alphaDropout(Column x, double rate) {
    return dropout(x).method(DropoutMethod.ALPHA_DROPOUT).rate(rate).build();
  }

  /** {@code alpha_dropout(x, rate, seed)}: partition mode. */
  public static Column alphaDropout(Column x, double rate, long seed) {
    return dropout(x).method(DropoutMethod.ALPHA_DROPOUT).rate(rate).seed(seed).build();
  }

  /** {@code alpha_dropout(x, rate, seed, key)}: key mode. */
  public static Column alphaDropout(Column x, double rate, long seed, Column key) {
    return dropout(x).method(DropoutMethod.ALPHA_DROPOUT).rate(rate).seed(seed).key(key).build();
  }

  /** {@code dropout_mask(x, rate, seed)}: partition mode. */
  public static Column dropoutMask(Column x, double rate, long seed) {
    return dropout(x).rate(rate).seed(seed).mask();
  }

  /** {@code dropout_mask(x, rate, seed, key)}: key mode. */
  public static Column dropoutMask(Column x, double rate, long seed, Column key) {
    return dropout(x).rate(rate).seed(seed).key(key).mask();
  }

  /** {@code gaussian_dropout(x, rate, seed)}: partition mode. */
  public static Column gaussianDropout(Column x, double rate, long seed) {
    return dropout(x).method(DropoutMethod.GAUSSIAN_DROPOUT).rate(rate).seed(seed).build();
  }

  /** {@code gaussian_dropout(x, rate, seed, key)}: key mode. */
  public static Column gaussianDropout(Column x, double rate, long seed, Column key) {
    return dropout(x).method(DropoutMethod.GAUSSIAN_DROPOUT).rate(rate).seed(seed).key(key)
        .build();
  }

  /** {@code gaussian_noise(x, stddev, seed)}: partition mode. */
  public static Column gaussianNoise(Column x, double stddev, long seed) {
    return dropout(x).method(DropoutMethod.GAUSSIAN_NOISE).stddev(stddev).seed(seed).build();
  }

  /** {@code gaussian_noise(x, stddev, seed, key)}: key mode. */
  public static Column gaussianNoise(Column x, double stddev, long seed, Column key) {
    return dropout(x).method(DropoutMethod.GAUSSIAN_NOISE).stddev(stddev).seed(seed).key(key)
        .build();
  }

  /** {@code spatial_dropout(x, rate, seed)}: partition mode, channels last. */
  public static Column spatialDropout(Column x, double rate, long seed) {
    return dropout(x).method(DropoutMethod.SPATIAL_DROPOUT).rate(rate).seed(seed).build();
  }

  /** {@code spatial_dropout(x, rate, seed, key)}: key mode, channels last. */
  public static Column spatialDropout(Column x, double rate, long seed, Column key) {
    return dropout(x).method(DropoutMethod.SPATIAL_DROPOUT).rate(rate).seed(seed).key(key)
        .build();
  }

  /**
   * A builder for every argument: method, rate (or stddev), seed, key, noise shape, copy and
   * spatial dropout's channel axis.
   */
  public static Builder dropout(Column x) {
    return new Builder(x);
  }

  /**
   * Collects the arguments of one dropout; {@link #build()} makes its values and {@link #mask()}
   * its mask, which always describes those values: without a {@link #seed}, one is drawn on the
   * first of them and kept for the rest, as Spark's own {@code rand()} draws its seed.
   */
  public static final class Builder {
    private final Column x;
    private DropoutMethod method = DropoutMethod.DROPOUT;
    private Double rate;
    private Long seed;
    private Column key;
    private Integer[] noiseShape;
    private Column copy;
    private Boolean channelsFirst;

    private Builder(Column x) {
      this.x = x;
    }

    public Builder method(DropoutMethod value) {
      this.method = value;
      return this;
    }

    public Builder rate(double value) {
      this.rate = value;
      return this;
    }

    /** Gaussian noise's standard deviation: the same argument as another method's rate. */
    public Builder stddev(double value) {
      return rate(value);
    }

    /** Spatial dropout: the channel axis is each row's first, not its last. */
    public Builder channelsFirst(boolean value) {
      this.channelsFirst = value;
      return this;
    }

    /** A fixed seed; without one, the builder draws one for all the columns it makes. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Key mode: the mask depends only on (seed, key value, element position), so the key must
     * identify the row; rows with equal keys, NULL keys included, get equal masks.
     */
    public Builder key(Column value) {
      this.key = value;
      return this;
    }

    /**
     * Key mode on several columns, hashed together: the stream is {@code xxhash64(k1, ..., kn)}
     * (docs/SPEC.md §3), a NULL part adding nothing. One column is the same as {@link
     * #key(Column)}. The key is {@code struct(k1, ..., kn)}, whose xxhash64 is that stream.
     */
    public Builder key(Column... columns) {
      if (columns.length == 0) {
        throw new IllegalArgumentException("key needs at least one column");
      }
      for (Column column : columns) {
        if (column == null) {
          throw new IllegalArgumentException("key columns must not be null");
        }
      }
      return key(columns.length == 1 ? columns[0] : functions.struct(columns));
    }

    /** Keras noise_shape entries, one per axis: 1 shared, -1 or null independent, n fixed. */
    public Builder noiseShape(Integer... entries) {
      this.noiseShape = entries;
      return this;
    }

    public Builder noiseShape(NoiseShape shape) {
      Integer[] entries = new Integer[shape.rank()];
      for (int axis = 0; axis < entries.length; axis++) {
        entries[axis] = shape.entry(axis);
      }
      return noiseShape(entries);
    }

    /** The augmentation copy index (docs/SPEC.md §3): a constant or an int column. */
    public Builder copy(int value) {
      return copy(functions.lit(value));
    }

    public Builder copy(Column value) {
      this.copy = value;
      return this;
    }

    /** The noisy values: {@code dropout(...)}, {@code gaussian_noise(...)} and so on. */
    public Column build() {
      return call(SqlFunction.of(method));
    }

    /**
     * The binary mask: {@code dropout_mask(...)}. Spatial dropout's is that of dropout with its
     * noise shape, which the builder cannot know before the column's type: give it as
     * {@link #noiseShape} with method dropout.
     */
    public Column mask() {
      if (!method.hasMask() || method == DropoutMethod.SPATIAL_DROPOUT) {
        throw new IllegalArgumentException(method.sqlName() + " has no mask here; masks are "
            + "for dropout and alpha_dropout, spatial dropout's that of dropout with its "
            + "noise shape");
      }
      return call(SqlFunction.DROPOUT_MASK);
    }

    private Column call(SqlFunction function) {
      String amount = method.parameterName();
      if (rate == null) {
        throw new IllegalArgumentException(function.sqlName() + ": " + amount + " is required");
      }
      if (seed == null) {
        seed = Seeds.draw();
      }
      Map<String, Column> given = new HashMap<>();
      given.put("x", x);
      given.put(amount, functions.lit(rate));
      given.put("seed", functions.lit(seed));
      given.put("key", key);
      given.put("noise_shape", noiseShape == null ? null : shapeLiteral(noiseShape));
      given.put("copy", copy);
      given.put("channels_first", channelsFirst == null ? null : functions.lit(channelsFirst));
      List<String> parameters = function.parameters();
      for (String name : List.of("noise_shape", "channels_first")) {
        if (given.get(name) != null && !parameters.contains(name)) {
          throw new IllegalArgumentException(function.sqlName() + " takes no " + name);
        }
      }
      // Trailing defaults are left out, so the column reads as the user's call.
      int last = parameters.size() - 1;
      while (given.get(parameters.get(last)) == null) {
        last--;
      }
      List<Column> args = new ArrayList<>();
      for (String name : parameters.subList(0, last + 1)) {
        Column arg = given.get(name);
        args.add(arg == null ? functions.lit(null) : arg);
      }
      SparkSession.getActiveSession().foreach(spark -> {
        FunctionRegistration.ensureRegistered(spark);
        return null;
      });
      return functions.call_function(function.sqlName(), args.toArray(new Column[0]));
    }

    private static Column shapeLiteral(Integer[] entries) {
      Column[] items = new Column[entries.length];
      for (int i = 0; i < entries.length; i++) {
        items[i] = entries[i] == null
            ? functions.lit(null).cast("int") : functions.lit(entries[i].intValue());
      }
      return functions.array(items);
    }
  }
}
