package dev.sparkdropout.sql;

import dev.sparkdropout.spark.Seeds;
import dev.sparkdropout.spark.ColumnChecks;
import dev.sparkdropout.spark.line.ScalaCollections;
import dev.sparkdropout.spark.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.expressions.Coalesce;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.catalyst.expressions.XxHash64;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.core.RowStreams;

/**
 * The arguments of {@code f(x, rate [, seed [, key [, noise_shape [, copy]]]])}, checked once when
 * the query is analysed (docs/SPEC.md §2), before any data is read. Arguments may also be given by
 * name after the positional ones, as SQL allows: {@code dropout(f, rate => 0.3, key => id)}.
 */
final class CallArguments {

  static final int X = 0;
  static final int RATE = 1;
  static final int SEED = 2;
  static final int KEY = 3;
  static final int NOISE_SHAPE = 4;
  static final int COPY = 5;
  static final int MIN_ARGS = 2;
  /** The parameters in order, by the names a call may give them. */
  static final List<String> PARAMETERS =
      List.of("x", "rate", "seed", "key", "noise_shape", "copy");

  private final String function;
  private final Expression x;
  private final TensorType tensor;
  private final double rate;
  private final long seed;
  private final Expression key;
  private final NoiseShape noiseShape;
  private final Expression copy;

  private CallArguments(String function, Expression x, TensorType tensor, double rate,
      long seed, Expression key, NoiseShape noiseShape, Expression copy) {
    this.function = function;
    this.x = x;
    this.tensor = tensor;
    this.rate = rate;
    this.seed = seed;
    this.key = key;
    this.noiseShape = noiseShape;
    this.copy = copy;
  }

  /** Validates resolved arguments; a missing or NULL seed is drawn here, once per analysis. */
  static CallArguments parse(String function, List<Expression> given) {
    List<Expression> args = inOrder(function, given);
    Expression x = args.get(X);
    ColumnChecks checks = ColumnChecks.forValues(message -> AnalysisErrors.of(function, "%s",
        message));
    TensorType tensor = checks.tensor("argument x (" + Names.of(x) + ")", x.dataType());
    double rate = rate(function, args.get(RATE));
    long seed = args.size() > SEED ? seed(function, args.get(SEED)) : Seeds.draw();
    Expression key = args.size() > KEY ? key(function, args.get(KEY)) : null;
    NoiseShape noiseShape = args.size() > NOISE_SHAPE
        ? noiseShape(function, checks, args.get(NOISE_SHAPE), x, tensor) : null;
    Expression copy = args.size() > COPY ? copy(function, args.get(COPY)) : Literal.create(0,
        DataTypes.IntegerType);
    return new CallArguments(function, x, tensor, rate, seed, key, noiseShape, copy);
  }

  /**
   * The arguments in parameter order: those given by name put in their places, any skipped over
   * given as NULL (which every optional parameter takes as absent).
   */
  private static List<Expression> inOrder(String function, List<Expression> given) {
    Expression[] placed = new Expression[PARAMETERS.size()];
    boolean named = false;
    int count = 0;
    for (int i = 0; i < given.size(); i++) {
      Expression argument = given.get(i);
      int at = i;
      if (argument instanceof NamedArgumentExpression) {
        NamedArgumentExpression byName = (NamedArgumentExpression) argument;
        at = PARAMETERS.indexOf(byName.key().toLowerCase(Locale.ROOT));
        if (at < 0) {
          throw AnalysisErrors.of(function, "has no parameter named %s; its parameters are %s",
              byName.key(), String.join(", ", PARAMETERS));
        }
        argument = byName.value();
        named = true;
      } else if (named) {
        throw AnalysisErrors.of(function, "argument %s is given by position after arguments "
            + "given by name", Names.of(argument));
      }
      if (at >= placed.length) {
        throw argumentCount(function, given.size());
      }
      if (placed[at] != null) {
        throw AnalysisErrors.of(function, "argument %s is given twice", PARAMETERS.get(at));
      }
      placed[at] = argument;
      count = Math.max(count, at + 1);
    }
    for (int p = 0; p < MIN_ARGS; p++) {
      if (placed[p] == null) {
        throw named ? AnalysisErrors.of(function, "argument %s is missing", PARAMETERS.get(p))
            : argumentCount(function, given.size());
      }
    }
    List<Expression> args = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      args.add(placed[p] != null ? placed[p] : Literal.create(null, DataTypes.NullType));
    }
    return args;
  }

  private static RuntimeException argumentCount(String function, int count) {
    return AnalysisErrors.of(function, "expects 2 to 6 arguments "
        + "(x, rate [, seed [, key [, noise_shape [, copy]]]]), got %d", count);
  }

  private static double rate(String function, Expression rate) {
    if (!rate.foldable()) {
      throw AnalysisErrors.of(function, "argument rate must be a constant, got %s",
          Names.of(rate));
    }
    if (!(rate.dataType() instanceof NumericType) && !(rate.dataType() instanceof NullType)) {
      throw AnalysisErrors.of(function, "argument rate must be a number, got %s of type %s",
          rate.sql(), rate.dataType().simpleString());
    }
    Object value = rate.eval(null);
    if (value == null) {
      throw AnalysisErrors.of(function, "argument rate must not be NULL");
    }
    double number = value instanceof Decimal
        ? ((Decimal) value).toDouble() : ((Number) value).doubleValue();
    try {
      DropoutSpec.checkRate(number);
    } catch (IllegalArgumentException e) {
      throw AnalysisErrors.of(function, "argument %s", e.getMessage());
    }
    return number;
  }

  private static long seed(String function, Expression seed) {
    if (isNullLiteral(seed)) {
      return Seeds.draw();
    }
    if (!seed.foldable() || !(seed.dataType() instanceof IntegralType)) {
      throw AnalysisErrors.of(function, "argument seed must be an integer constant or NULL, "
          + "got %s of type %s", Names.of(seed), seed.dataType().simpleString());
    }
    Object value = seed.eval(null);
    return value == null ? Seeds.draw() : ((Number) value).longValue();
  }

  private static Expression key(String function, Expression key) {
    if (isNullLiteral(key)) {
      return null;
    }
    XxHash64 hash = new XxHash64(ScalaCollections.seq(key), RowStreams.XXHASH64_SEED);
    if (hash.checkInputDataTypes().isFailure()) {
      throw AnalysisErrors.of(function, "argument key (%s) has type %s, which xxhash64 cannot "
          + "hash", Names.of(key), key.dataType().simpleString());
    }
    return key;
  }

  private static NoiseShape noiseShape(String function, ColumnChecks checks, Expression shape,
      Expression x, TensorType tensor) {
    if (isNullLiteral(shape)) {
      return null;
    }
    DataType type = shape.dataType();
    boolean integerArray = type instanceof ArrayType
        && (((ArrayType) type).elementType() instanceof IntegralType
            || ((ArrayType) type).elementType() instanceof NullType);
    if (!shape.foldable() || !integerArray) {
      throw AnalysisErrors.of(function, "argument noise_shape must be a constant integer array "
          + "such as array(1, -1), got %s of type %s", Names.of(shape), type.simpleString());
    }
    ArrayData entries = (ArrayData) shape.eval(null);
    if (entries == null) {
      return null;
    }
    Integer[] values = new Integer[entries.numElements()];
    DataType element = ((ArrayType) type).elementType();
    for (int i = 0; i < values.length; i++) {
      if (!entries.isNullAt(i)) {
        long entry = ((Number) entries.get(i, element)).longValue();
        if (entry > Integer.MAX_VALUE || entry < Integer.MIN_VALUE) {
          throw AnalysisErrors.of(function, "argument noise_shape entry %d is out of range", entry);
        }
        values[i] = (int) entry;
      }
    }
    NoiseShape noiseShape;
    try {
      noiseShape = NoiseShape.of(values);
    } catch (IllegalArgumentException e) {
      throw AnalysisErrors.of(function, "argument %s", e.getMessage());
    }
    checks.noiseShapeFits("argument noise_shape " + noiseShape, noiseShape.rank(),
        "x (" + Names.of(x) + ")", tensor);
    return noiseShape;
  }

  private static Expression copy(String function, Expression copy) {
    if (isNullLiteral(copy)) {
      return Literal.create(0, DataTypes.IntegerType);
    }
    if (!DataTypes.IntegerType.equals(copy.dataType())) {
      throw AnalysisErrors.of(function, "argument copy must be an int, got %s of type %s",
          Names.of(copy), copy.dataType().simpleString());
    }
    // A NULL copy index means copy 0, and the kernel takes a primitive int.
    return copy.nullable()
        ? new Coalesce(ScalaCollections.seq(copy, Literal.create(0, DataTypes.IntegerType))) : copy;
  }

  private static boolean isNullLiteral(Expression e) {
    return e instanceof Literal && ((Literal) e).value() == null;
  }

  String function() {
    return function;
  }

  Expression x() {
    return x;
  }

  TensorType tensor() {
    return tensor;
  }

  double rate() {
    return rate;
  }

  long seed() {
    return seed;
  }

  /** The key expression, or {@code null} in partition mode. */
  Expression key() {
    return key;
  }

  /** The noise shape, or {@code null} when every element is independent. */
  NoiseShape noiseShape() {
    return noiseShape;
  }

  /** The copy index expression: an int that is never NULL. */
  Expression copy() {
    return copy;
  }
}
