package dev.sparkdropout.sql;

import dev.sparkdropout.spark.EngineHint;
import dev.sparkdropout.spark.line.ScalaCollections;
import dev.sparkdropout.spark.TensorType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.MonotonicallyIncreasingID;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.catalyst.expressions.XxHash64;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ObjectType;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.RowStreams;
import dev.sparkdropout.sql.kernel.Kernel;
import dev.sparkdropout.sql.kernel.KernelCall;
import scala.Option;

/**
 * Builds the Catalyst expression for a validated call: a {@link KernelCall} of the kernel for
 * the input's type, which Spark compiles into its generated code with unboxed arguments.
 *
 * <p>The kernel receives the {@link DropoutSpec} as a constant, the column name for row errors,
 * the row's stream id (docs/SPEC.md §3), the copy index and the value. The stream is
 * {@code monotonically_increasing_id()} in partition mode, which makes the whole expression
 * nondeterministic to the optimizer, and {@code xxhash64(key)} in key mode, which is
 * deterministic. All arguments are evaluated for every row, NULL rows included, so every row
 * that reaches the call advances the partition-mode counter.
 */
final class ExpressionBuilder {

  private ExpressionBuilder() {}

  /** The expression of a call of {@code function}: what its registered builder returns. */
  static Expression build(SqlFunction function, List<Expression> arguments) {
    CallArguments args = CallArguments.parse(function, arguments);
    String call = call(function, arguments);
    if (!function.isMask() && args.rate() == 0.0) {
      // Rate 0 is the identity, bit for bit (docs/SPEC.md §2), still named after the call.
      return new Alias(args.x(), call, NamedExpression$.MODULE$.newExprId(),
          ScalaCollections.<String>seq(), Option.empty(), ScalaCollections.<String>seq());
    }
    return invoke(function, args, call);
  }

  private static Expression invoke(SqlFunction function, CallArguments args,
      String call) {
    TensorType tensor = args.tensor();
    DropoutSpec spec = DropoutSpec.of(function.method(), args.rate(), args.seed(),
        args.noiseShape());
    EngineHint.logOnce();

    List<Expression> kernelArgs = new ArrayList<>();
    kernelArgs.add(Literal.create(spec, new ObjectType(DropoutSpec.class)));
    kernelArgs.add(Literal.create(Names.of(args.x()), DataTypes.StringType));
    kernelArgs.add(stream(args.key()));
    kernelArgs.add(args.copy());
    kernelArgs.add(args.x());

    Kernel kernel = Kernel.of(tensor);
    if (kernel.takesRank()) {
      kernelArgs.add(Literal.create(tensor.rank(), DataTypes.IntegerType));
    }
    DataType resultType = function.isMask() ? tensor.maskType() : tensor.dataType();
    return new KernelCall(kernel, function.isMask(), resultType, call, ScalaCollections.seq(kernelArgs));
  }

  private static Expression stream(Expression key) {
    if (key == null) {
      return new MonotonicallyIncreasingID();
    }
    return new XxHash64(ScalaCollections.seq(key), RowStreams.XXHASH64_SEED);
  }

  /**
   * The call as users wrote it, {@code dropout(features, 0.3)}, which names its column as Spark
   * names its own functions' columns; otherwise the name would show the kernel call.
   */
  private static String call(SqlFunction function, List<Expression> arguments) {
    StringBuilder call = new StringBuilder(function.sqlName()).append('(');
    for (int i = 0; i < arguments.size(); i++) {
      call.append(i == 0 ? "" : ", ").append(Names.of(arguments.get(i)));
    }
    return call.append(')').toString();
  }
}
