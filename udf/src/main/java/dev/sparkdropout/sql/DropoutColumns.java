package dev.sparkdropout.sql;

import dev.sparkdropout.spark.Seeds;
import java.util.ArrayList;
import java.util.List;
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

  /** A builder for every argument: method, rate, seed, key, noise shape and copy. */
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

    /** The dropped-out values: {@code dropout(...)} or {@code alpha_dropout(...)}. */
    public Column build() {
      return call(SqlFunction.of(method));
    }

    /** The binary mask: {@code dropout_mask(...)}. */
    public Column mask() {
      return call(SqlFunction.DROPOUT_MASK);
    }

    private Column call(SqlFunction function) {
      if (rate == null) {
        throw new IllegalArgumentException(function.sqlName() + ": rate is required");
      }
      if (seed == null) {
        seed = Seeds.draw();
      }
      List<Column> args = new ArrayList<>();
      args.add(x);
      args.add(functions.lit(rate));
      Column nullLiteral = functions.lit(null);
      List<Column> optional = new ArrayList<>();
      optional.add(functions.lit(seed));
      optional.add(key == null ? nullLiteral : key);
      optional.add(noiseShape == null ? nullLiteral : shapeLiteral(noiseShape));
      optional.add(copy == null ? nullLiteral : copy);
      // Trailing defaults are left out, so the column reads as the user's call.
      int last = optional.size() - 1;
      while (last >= 0 && optional.get(last) == nullLiteral) {
        last--;
      }
      args.addAll(optional.subList(0, last + 1));
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
