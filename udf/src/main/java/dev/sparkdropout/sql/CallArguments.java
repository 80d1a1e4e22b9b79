package dev.sparkdropout.sql;

import dev.sparkdropout.spark.Seeds;
import dev.sparkdropout.spark.ColumnChecks;
import dev.sparkdropout.spark.line.ScalaCollections;
import dev.sparkdropout.spark.TensorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.core.RowStreams;

/**
 * The arguments of {@code f(x, rate [, seed [, key [, noise_shape [, copy]]]])} (each function's
 * {@link SqlFunction#parameters}), checked once when the query is analysed (docs/SPEC.md §2),
 * before any data is read. Arguments may also be given by name after the positional ones, as SQL
 * allows: {@code dropout(f, rate => 0.3, key => id)}.
 */
final class CallArguments {

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
  static CallArguments parse(SqlFunction sqlFunction, List<Expression> given) {
    String function = sqlFunction.sqlName();
    Map<String, Expression> args = byName(sqlFunction, given);
    Expression x = args.get("x");
    ColumnChecks checks = ColumnChecks.forValues(message -> AnalysisErrors.of(function, "%s",
        message));
    TensorType tensor = checks.tensor("argument x (" + Names.of(x) + ")", x.dataType());
    DropoutMethod method = sqlFunction.method();
    double rate = amount(function, method, args.get(method.parameterName()));
    long seed = args.containsKey("seed") ? seed(function, args.get("seed")) : Seeds.draw();
    Expression key = args.containsKey("key") ? key(function, args.get("key")) : null;
    NoiseShape noiseShape = args.containsKey("noise_shape")
        ? noiseShape(function, checks, args.get("noise_shape"), x, tensor) : null;
    if (method == DropoutMethod.SPATIAL_DROPOUT) {
      noiseShape = spatial(function, x, tensor, args.get("channels_first"));
    }
    Expression copy = args.containsKey("copy") ? copy(function, args.get("copy"))
        : Literal.create(0, DataTypes.IntegerType);
    return new CallArguments(function, x, tensor, rate, seed, key, noiseShape, copy);
  }

  /**
   * The arguments by parameter name, up to the last one given: those given by name put in their
   * places, any skipped over given as NULL (which every optional parameter takes as absent).
   */
  private static Map<String, Expression> byName(SqlFunction sqlFunction,
      List<Expression> given) {
    String function = sqlFunction.sqlName();
    List<String> parameters = sqlFunction.parameters();
    Expression[] placed = new Expression[parameters.size()];
    boolean named = false;
    int count = 0;
    for (int i = 0; i < given.size(); i++) {
      Expression argument = given.get(i);
      int at = i;
      if (argument instanceof NamedArgumentExpression) {
        NamedArgumentExpression byName = (NamedArgumentExpression) argument;
        at = parameters.indexOf(byName.key().toLowerCase(Locale.ROOT));
        if (at < 0) {
          throw AnalysisErrors.of(function, "has no parameter named %s; its parameters are %s",
              byName.key(), String.join(", ", parameters));
        }
        argument = byName.value();
        named = true;
      } else if (named) {
        throw AnalysisErrors.of(function, "argument %s is given by position after arguments "
            + "given by name", Names.of(argument));
      }
      if (at >= placed.length) {
        throw argumentCount(sqlFunction, given.size());
      }
      if (placed[at] != null) {
        throw AnalysisErrors.of(function, "argument %s is given twice", parameters.get(at));
      }
      placed[at] = argument;
      count = Math.max(count, at + 1);
    }
    for (int p = 0; p < SqlFunction.REQUIRED; p++) {
      if (placed[p] == null) {
        throw named ? AnalysisErrors.of(function, "argument %s is missing", parameters.get(p))
            : argumentCount(sqlFunction, given.size());
      }
    }
    Map<String, Expression> args = new HashMap<>();
    for (int p = 0; p < count; p++) {
      args.put(parameters.get(p),
          placed[p] != null ? placed[p] : Literal.create(null, DataTypes.NullType));
    }
    return args;
  }

  private static RuntimeException argumentCount(SqlFunction function, int count) {
    return AnalysisErrors.of(function.sqlName(), "expects %d to %d arguments (%s), got %d",
        SqlFunction.REQUIRED, function.parameters().size(), function.signature(), count);
  }

  /** The method's number: its rate, or Gaussian noise's stddev. */
  private static double amount(String function, DropoutMethod method, Expression amount) {
    String name = method.parameterName();
    if (!amount.foldable()) {
      throw AnalysisErrors.of(function, "argument %s must be a constant, got %s", name,
          Names.of(amount));
    }
    if (!(amount.dataType() instanceof NumericType) && !(amount.dataType() instanceof NullType)) {
      throw AnalysisErrors.of(function, "argument %s must be a number, got %s of type %s", name,
          amount.sql(), amount.dataType().simpleString());
    }
    Object value = amount.eval(null);
    if (value == null) {
      throw AnalysisErrors.of(function, "argument %s must not be NULL", name);
    }
    double number = value instanceof Decimal
        ? ((Decimal) value).toDouble() : ((Number) value).doubleValue();
    try {
      return method.check(number);
    } catch (IllegalArgumentException e) {
      throw AnalysisErrors.of(function, "argument %s", e.getMessage());
    }
  }

  /** Spatial dropout's noise shape for x's rank, the channel axis last unless channels_first. */
  private static NoiseShape spatial(String function, Expression x, TensorType tensor,
      Expression channelsFirst) {
    boolean first = false;
    if (channelsFirst != null) {
      if (!channelsFirst.foldable()) {
        throw AnalysisErrors.of(function, "argument channels_first must be a constant, got %s",
            Names.of(channelsFirst));
      }
      Object value = channelsFirst.eval(null);
      if (!DataTypes.BooleanType.equals(channelsFirst.dataType()) || value == null) {
        throw AnalysisErrors.of(function, "argument channels_first must be true or false, got "
            + "%s of type %s", channelsFirst.sql(), channelsFirst.dataType().simpleString());
      }
      first = (Boolean) value;
    }
    try {
      return NoiseShape.spatial(tensor.rank(), first);
    } catch (IllegalArgumentException e) {
      throw AnalysisErrors.of(function, "argument x (%s) has type %s: %s", Names.of(x),
          x.dataType().simpleString(), e.getMessage());
    }
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
